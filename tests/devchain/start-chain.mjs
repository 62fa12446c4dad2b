// Starts anvil on a free 127.0.0.1 port in the background, deploys the ERC-1056 EthereumDIDRegistry (from the npm
// package ethr-did-registry) and prints one JSON line for the demo:
//   {"pid":N,"rpcUrl":"http://127.0.0.1:P/","chainId":31337,"erc1056Registry":"0x...","privateKeys":["0x...",...]}
// The caller stops the node with `kill <pid>`. Used by `./build.sh demo`; the sample itself never starts a chain.
import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContractFactory, JsonRpcProvider, Wallet } from 'ethers';

const here = dirname(fileURLToPath(import.meta.url));
const anvil = join(here, 'node_modules', '@foundry-rs', 'anvil-linux-amd64', 'bin', 'anvil');
const logPath = join(tmpdir(), `didsdk-anvil-${process.pid}.log`);
const child = spawn(anvil, ['--host', '127.0.0.1', '--port', '0'], { detached: true, stdio: ['ignore', openSync(logPath, 'w'), openSync(logPath, 'a')] });
child.unref();

function fail(message) {
  try { process.kill(child.pid); } catch { /* already gone */ }
  console.error(message);
  process.exit(3);
}

let banner = '';
for (let i = 0; i < 300 && !/Listening on 127\.0\.0\.1:\d+/.test(banner); i++) {
  await new Promise(r => setTimeout(r, 100));
  banner = readFileSync(logPath, 'utf8');
}
const listening = /Listening on (127\.0\.0\.1:\d+)/.exec(banner);
if (!listening) fail(`anvil did not start (see ${logPath})`);
const keysSection = banner.split('Private Keys')[1]?.split('Wallet')[0] ?? '';
const privateKeys = [...keysSection.matchAll(/\(\d+\) (0x[0-9a-f]{64})/g)].map(m => m[1]);
if (privateKeys.length < 5) fail('anvil printed fewer than 5 development keys');

const rpcUrl = `http://${listening[1]}/`;
try {
  const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
  const chainId = Number((await provider.getNetwork()).chainId);
  const artifact = JSON.parse(readFileSync(join(here, 'node_modules', 'ethr-did-registry', 'artifacts', 'contracts', 'EthereumDIDRegistry.sol', 'EthereumDIDRegistry.json'), 'utf8'));
  const deployer = new Wallet(privateKeys[9] ?? privateKeys[privateKeys.length - 1], provider);
  const contract = await new ContractFactory(artifact.abi, artifact.bytecode, deployer).deploy();
  await contract.waitForDeployment();
  console.log(JSON.stringify({ pid: child.pid, rpcUrl, chainId, erc1056Registry: await contract.getAddress(), privateKeys: privateKeys.slice(0, 5) }));
  provider.destroy();
} catch (e) {
  fail(`deploying the ERC-1056 registry failed: ${e.message}`);
}
