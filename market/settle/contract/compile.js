// Compiles Settlement.sol with the pinned solc-js (installed by gen.sh into
// .solc/) for the current mainnet EVM and writes Settlement.abi and
// Settlement.bin. Fails on any compiler error or warning.
const fs = require('fs');
const path = require('path');
const solc = require(path.join(__dirname, '.solc', 'node_modules', 'solc'));

const want = process.argv[2];
if (!solc.version().startsWith(want + '+')) {
  console.error(`solc ${solc.version()} is not the pinned ${want}`);
  process.exit(1);
}
const input = {
  language: 'Solidity',
  sources: { 'Settlement.sol': { content: fs.readFileSync(path.join(__dirname, 'Settlement.sol'), 'utf8') } },
  settings: {
    evmVersion: 'osaka',
    viaIR: true,
    optimizer: { enabled: true, runs: 10000 },
    metadata: { bytecodeHash: 'none', appendCBOR: false },
    outputSelection: { '*': { Settlement: ['abi', 'evm.bytecode.object'] } },
  },
};
const out = JSON.parse(solc.compile(JSON.stringify(input)));
let bad = false;
for (const e of out.errors || []) {
  console.error(e.formattedMessage);
  bad = true;
}
if (bad) process.exit(1);
const c = out.contracts['Settlement.sol'].Settlement;
fs.writeFileSync(path.join(__dirname, 'Settlement.abi'), JSON.stringify(c.abi, null, 1) + '\n');
fs.writeFileSync(path.join(__dirname, 'Settlement.bin'), c.evm.bytecode.object + '\n');
