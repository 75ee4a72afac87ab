package identity

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/keystore"
)

// File names inside the data directory.
const (
	KeyFileName      = "key"           // hex private key, mode 0600
	KeystoreFileName = "keystore.json" // go-ethereum keystore (v3) file
	PasswordEnv      = "OGPU_PASSWORD"
)

// LoadOrCreate returns the node key of datadir. If <datadir>/keystore.json
// exists it is decrypted with the password (normally $OGPU_PASSWORD);
// otherwise <datadir>/key is read, or created with mode 0600 when absent.
// A key file with looser permissions is refused so a leaked key is noticed.
func LoadOrCreate(datadir, password string) (*Key, error) {
	ksPath := filepath.Join(datadir, KeystoreFileName)
	if data, err := os.ReadFile(ksPath); err == nil {
		if password == "" {
			return nil, fmt.Errorf("%w: %s", ErrNoPassword, ksPath)
		}
		k, err := keystore.DecryptKey(data, password)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrKeyFile, ksPath, err)
		}
		return FromECDSA(k.PrivateKey)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %w", ErrKeyFile, err)
	}

	path := filepath.Join(datadir, KeyFileName)
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		k, err := Generate()
		if err != nil {
			return nil, err
		}
		if err := writeKeyFile(path, k); err != nil {
			return nil, err
		}
		return k, nil
	case err != nil:
		return nil, fmt.Errorf("%w: %w", ErrKeyFile, err)
	}
	if st, err := os.Stat(path); err == nil && st.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("%w: %s has mode %v, want 0600 (run: chmod 600 %s)", ErrKeyFile, path, st.Mode().Perm(), path)
	}
	raw, err := hex.DecodeString(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(string(data)), "0x")))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: not hex: %w", ErrKeyFile, path, err)
	}
	return FromBytes(raw)
}

func writeKeyFile(path string, k *Key) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("identity: %w", err)
	}
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("identity: write key: %w", err)
	}
	if _, err := f.WriteString(hex.EncodeToString(k.Bytes()) + "\n"); err != nil {
		f.Close()
		return fmt.Errorf("identity: write key: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("identity: write key: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("identity: write key: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("identity: write key: %w", err)
	}
	return nil
}

// WriteKeystore encrypts k into <datadir>/keystore.json with the given
// password (standard scrypt parameters unless light is set, for tests).
func WriteKeystore(datadir string, k *Key, password string, light bool) error {
	n, p := keystore.StandardScryptN, keystore.StandardScryptP
	if light {
		n, p = keystore.LightScryptN, keystore.LightScryptP
	}
	data, err := keystore.EncryptKey(&keystore.Key{Address: k.Address(), PrivateKey: k.ECDSA()}, password, n, p)
	if err != nil {
		return fmt.Errorf("identity: encrypt keystore: %w", err)
	}
	if err := os.MkdirAll(datadir, 0o700); err != nil {
		return fmt.Errorf("identity: %w", err)
	}
	return os.WriteFile(filepath.Join(datadir, KeystoreFileName), data, 0o600)
}
