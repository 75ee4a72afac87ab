// SHA-256 nonce search: lowest nonce in [start, start+count) whose
// SHA-256(prefix ‖ nonce as 8 bytes big-endian) has >= difficulty leading
// zero bits. Found nonces are folded into *best with atomic min; the host
// initialises *best to ~0.
#include "common.h"

static __device__ const u32 K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static __device__ inline u32 rotr(u32 x, int n) { return (x >> n) | (x << (32 - n)); }

static __device__ void sha256_block(u32 st[8], const u8* blk) {
  u32 w[64];
  for (int i = 0; i < 16; i++)
    w[i] = ((u32)blk[4 * i] << 24) | ((u32)blk[4 * i + 1] << 16) | ((u32)blk[4 * i + 2] << 8) | (u32)blk[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    const u32 s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    const u32 s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  u32 a = st[0], b = st[1], c = st[2], d = st[3], e = st[4], f = st[5], g = st[6], h = st[7];
  for (int i = 0; i < 64; i++) {
    const u32 S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    const u32 ch = (e & f) ^ (~e & g);
    const u32 t1 = h + S1 + ch + K256[i] + w[i];
    const u32 S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    const u32 mj = (a & b) ^ (a & c) ^ (b & c);
    const u32 t2 = S0 + mj;
    h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  st[0] += a; st[1] += b; st[2] += c; st[3] += d; st[4] += e; st[5] += f; st[6] += g; st[7] += h;
}

// Launch: 1-D, any size; each thread tests nonces start+i for i = id, id+stride, …
// prefix_len <= 64.
OGPU_KERNEL void hashgrind(const u8* __restrict__ prefix, int prefix_len, u64 start, u64 count,
                           int difficulty, u64* best) {
  const u64 stride = (u64)ntid_x() * nctaid_x();
  u8 msg[128];
  for (int i = 0; i < prefix_len; i++) msg[i] = prefix[i];
  const int len = prefix_len + 8;
  const int blocks = (len + 9 + 63) / 64;  // 1 or 2
  for (int i = len; i < blocks * 64; i++) msg[i] = 0;
  msg[len] = 0x80;
  const u64 bitlen = (u64)len * 8;
  for (int i = 0; i < 8; i++) msg[blocks * 64 - 1 - i] = (u8)(bitlen >> (8 * i));
  for (u64 i = (u64)ctaid_x() * ntid_x() + tid_x(); i < count; i += stride) {
    const u64 nonce = start + i;
    if (nonce >= *(volatile u64*)best) return;  // a lower nonce is already known
    for (int b = 0; b < 8; b++) msg[prefix_len + b] = (u8)(nonce >> (56 - 8 * b));
    u32 st[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    for (int b = 0; b < blocks; b++) sha256_block(st, msg + 64 * b);
    int zeros = 0;
    for (int wd = 0; wd < 8; wd++) {
      if (st[wd] == 0) { zeros += 32; continue; }
      zeros += __builtin_clz(st[wd]);
      break;
    }
    if (zeros >= difficulty) {
      __nvvm_atom_min_gen_ull(best, nonce);
      return;  // later nonces of this thread are larger
    }
  }
}
