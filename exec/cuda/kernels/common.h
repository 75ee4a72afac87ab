// Header-less CUDA for clang: we compile with -nocudainc -nocudalib, so we
// declare what we use. Only builtins that lower to plain PTX are used.
#pragma once

#define __global__ __attribute__((global))
#define __device__ __attribute__((device))
#define __shared__ __attribute__((shared))
#define __constant__ __attribute__((constant))
#define OGPU_KERNEL extern "C" __global__

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

static __device__ inline u32 tid_x() { return __nvvm_read_ptx_sreg_tid_x(); }
static __device__ inline u32 tid_y() { return __nvvm_read_ptx_sreg_tid_y(); }
static __device__ inline u32 ctaid_x() { return __nvvm_read_ptx_sreg_ctaid_x(); }
static __device__ inline u32 ctaid_y() { return __nvvm_read_ptx_sreg_ctaid_y(); }
static __device__ inline u32 ntid_x() { return __nvvm_read_ptx_sreg_ntid_x(); }
static __device__ inline u32 nctaid_x() { return __nvvm_read_ptx_sreg_nctaid_x(); }
