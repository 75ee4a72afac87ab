//go:build !(cgo && linux)

package cuda

import (
	"errors"
	"runtime"
)

type (
	dptr     uint64
	cuStream struct{}
	cuFunc   struct{}
	cuModule struct{}
)

var errNoCgo = errors.New("the CUDA backend needs cgo on Linux; this binary was built for " + runtime.GOOS + " without it")

func driverVersion() (int, error) { return 0, errNoCgo }
func deviceCount() (int, error)   { return 0, errNoCgo }

type device struct {
	ordinal      int
	name         string
	mem          uint64
	major, minor int
}

func openDevice(int) (*device, error)                                         { return nil, errNoCgo }
func (*device) reset() error                                                  { return errNoCgo }
func (*device) close() error                                                  { return nil }
func (*device) memInfo() (uint64, uint64, error)                              { return 0, 0, errNoCgo }
func (*device) loadModule(string) (cuModule, error)                           { return cuModule{}, errNoCgo }
func (*device) unloadModule(cuModule) error                                   { return errNoCgo }
func (*device) function(cuModule, string) (cuFunc, error)                     { return cuFunc{}, errNoCgo }
func (*device) newStream() (cuStream, error)                                  { return cuStream{}, errNoCgo }
func (*device) destroyStream(cuStream) error                                  { return errNoCgo }
func (*device) query(cuStream) (bool, error)                                  { return false, errNoCgo }
func (*device) alloc(int) (dptr, error)                                       { return 0, errNoCgo }
func (*device) free(dptr) error                                               { return errNoCgo }
func (*device) htod(dptr, []byte) error                                       { return errNoCgo }
func (*device) dtoh([]byte, dptr) error                                       { return errNoCgo }
func (*device) memset(dptr, byte, int, cuStream) error                        { return errNoCgo }
func (*device) launch(cuFunc, [3]uint32, [3]uint32, cuStream, []uint64) error { return errNoCgo }
