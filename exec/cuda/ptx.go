package cuda

import _ "embed"

// PTX generated from kernels/*.cu by kernels/gen.sh (make ptx).
var (
	//go:embed kernels/matmul.ptx
	matmulPTX string
	//go:embed kernels/hashgrind.ptx
	hashgrindPTX string
	//go:embed kernels/render.ptx
	renderPTX string
)
