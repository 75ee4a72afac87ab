package wire

import (
	"encoding/binary"
	"fmt"
	"io"

	"google.golang.org/protobuf/proto"
)

// DefaultMaxFrame is the frame limit used when a caller passes 0.
const DefaultMaxFrame = 1 << 20

// maxVarintLen is the longest uvarint we accept; 5 bytes hold any length up
// to 32 GiB, far above any limit, so longer prefixes are malformed.
const maxVarintLen = 5

// WriteMsg writes m as one frame: uvarint length, then the deterministic
// protobuf encoding of m.
func WriteMsg(w io.Writer, m proto.Message) error {
	body, err := proto.MarshalOptions{Deterministic: true}.Marshal(m)
	if err != nil {
		return fmt.Errorf("wire: encode %T: %w", m, err)
	}
	buf := make([]byte, 0, binary.MaxVarintLen64+len(body))
	buf = binary.AppendUvarint(buf, uint64(len(body)))
	buf = append(buf, body...)
	if _, err := w.Write(buf); err != nil {
		return fmt.Errorf("wire: write frame: %w", err)
	}
	return nil
}

// ReadMsg reads one frame into m. A frame announcing more than maxSize
// bytes (DefaultMaxFrame if maxSize <= 0) is refused with ErrFrameTooLarge
// before its body is read. It reads the prefix byte by byte, so r need not
// be buffered and no bytes of the next frame are consumed. io.EOF is
// returned unwrapped when the stream ends cleanly before a frame.
func ReadMsg(r io.Reader, m proto.Message, maxSize int) error {
	if maxSize <= 0 {
		maxSize = DefaultMaxFrame
	}
	n, err := readUvarint(r)
	if err != nil {
		return err
	}
	if n > uint64(maxSize) {
		return fmt.Errorf("%w: %d bytes, limit %d", ErrFrameTooLarge, n, maxSize)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return fmt.Errorf("wire: read frame body: %w", err)
	}
	if err := proto.Unmarshal(body, m); err != nil {
		return fmt.Errorf("%w %T: %w", ErrDecode, m, err)
	}
	return nil
}

func readUvarint(r io.Reader) (uint64, error) {
	var (
		b     [1]byte
		x     uint64
		shift uint
	)
	for i := 0; i < maxVarintLen; i++ {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			if i == 0 && err == io.EOF {
				return 0, io.EOF
			}
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return 0, fmt.Errorf("wire: read frame length: %w", err)
		}
		if b[0] < 0x80 {
			if i > 0 && b[0] == 0 {
				return 0, fmt.Errorf("%w: non-minimal encoding", ErrBadFrame)
			}
			return x | uint64(b[0])<<shift, nil
		}
		x |= uint64(b[0]&0x7f) << shift
		shift += 7
	}
	return 0, fmt.Errorf("%w: prefix longer than %d bytes", ErrBadFrame, maxVarintLen)
}
