// Compiles the Solidity contracts of DidSdk.Consortium with the pinned npm `solc` and writes their artifacts
// (ABI + creation and runtime bytecode) next to the sources. `--check` compiles and compares with the committed
// artifacts byte for byte instead, exiting 1 on any difference (run by the tests and CI).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';

const here = dirname(fileURLToPath(import.meta.url));
const contractsDir = join(here, '..', '..', 'src', 'DidSdk.Consortium', 'contracts');
const contracts = ['ConsortiumTrustRegistry'];
const check = process.argv.includes('--check');

const sources = Object.fromEntries(contracts.map(name => [`${name}.sol`, { content: readFileSync(join(contractsDir, `${name}.sol`), 'utf8') }]));
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'cancun',
    metadata: { bytecodeHash: 'none' },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors ?? []).filter(e => e.severity === 'error');
for (const e of output.errors ?? []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(2);

let differs = false;
for (const name of contracts) {
  const c = output.contracts[`${name}.sol`][name];
  const artifact = {
    contractName: name,
    compiler: `solc ${solc.version()}`,
    settings: { optimizer: input.settings.optimizer, evmVersion: input.settings.evmVersion, bytecodeHash: 'none' },
    abi: c.abi,
    bytecode: `0x${c.evm.bytecode.object}`,
    deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
  };
  const text = `${JSON.stringify(artifact, null, 2)}\n`;
  const path = join(contractsDir, `${name}.json`);
  if (check) {
    let committed = null;
    try { committed = readFileSync(path, 'utf8'); } catch { committed = null; }
    if (committed !== text) {
      console.error(`${name}.json does not match a fresh compile of ${name}.sol (run: node tests/devchain/compile-contracts.mjs)`);
      differs = true;
    }
  } else {
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
}
process.exit(differs ? 1 : 0);
