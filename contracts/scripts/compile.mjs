// Compiles the project's Solidity offline with solc from npm and exports every artifact the keeper deploys or
// calls as NAME.abi / NAME.bin pairs, the input of web3j's wrapper generator:
//   OUT/main  - the vault contracts, plus the real Uniswap V3, WETH9, test ERC-20 and Multicall3 artifacts from npm
//   OUT/test  - Uniswap-compatible test harnesses (src/test/solidity), compiled like Uniswap with solc 0.7.6
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modules = path.join(root, 'node_modules');
const out = path.resolve(process.argv[2] ?? path.join(root, 'target', 'solc'));

const compilers = { '0.7': require('solc-0.7.6'), '0.8': require('solc') };

// Uniswap's own sources say `=0.7.6` or `<0.8.0`; everything else is the project's 0.8 code.
function compilerFor(source) {
  const pragma = /pragma\s+solidity\s+([^;]+);/.exec(source)?.[1] ?? '';
  return /0\.7\.|<\s*0\.8\.0/.test(pragma) ? '0.7' : '0.8';
}

// Test harnesses may import the project's main sources by their path under src/main/solidity.
const mainSources = path.join(root, 'src/main/solidity');

function findImports(dir) {
  return (importPath) => {
    for (const base of [modules, dir, mainSources]) {
      const file = path.join(base, importPath);
      if (fs.existsSync(file)) return { contents: fs.readFileSync(file, 'utf8') };
    }
    return { error: `import not found: ${importPath}` };
  };
}

function solFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.sol')).map((f) => f.split(path.sep).join('/'));
}

function write(dir, name, abi, bytecode) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.abi`), JSON.stringify(abi));
  fs.writeFileSync(path.join(dir, `${name}.bin`), bytecode.replace(/^0x/, ''));
}

// EIP-170: the most runtime code one contract may have (SEI's EVM enforces it too).
const MAX_RUNTIME_BYTES = 24576;

function compileTree(srcDir, outDir) {
  const files = solFiles(srcDir);
  const byCompiler = {};
  for (const file of files) {
    const content = fs.readFileSync(path.join(srcDir, file), 'utf8');
    (byCompiler[compilerFor(content)] ??= {})[file] = { content };
  }
  for (const [version, sources] of Object.entries(byCompiler)) compile(version, sources, srcDir, outDir);
  return files.length;
}

// Compiles the sources (path → { content }) and writes every contract they declare (not what they import).
function compile(version, sources, srcDir, outDir) {
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: true, runs: version === '0.7' ? 800 : 200 },
      evmVersion: version === '0.7' ? 'istanbul' : 'cancun',
      // The vault's guards no longer fit EIP-170's 24 KB through the legacy pipeline; the IR one packs ~8 % tighter.
      viaIR: version === '0.8',
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const output = JSON.parse(compilers[version].compile(JSON.stringify(input), { import: findImports(srcDir) }));
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  for (const e of output.errors ?? []) if (e.severity !== 'error') console.warn(e.formattedMessage);
  if (errors.length) {
    for (const e of errors) console.error(e.formattedMessage);
    process.exit(1);
  }
  // Only contracts declared in the given files become wrappers; imported libraries and interfaces do not.
  for (const file of Object.keys(sources)) {
    for (const [name, c] of Object.entries(output.contracts[file] ?? {})) {
      const runtimeBytes = c.evm.deployedBytecode.object.length / 2;
      if (runtimeBytes > MAX_RUNTIME_BYTES) {
        console.error(`${file}: ${name} has ${runtimeBytes} bytes of runtime code, over EIP-170's ${MAX_RUNTIME_BYTES}`);
        process.exit(1);
      }
      if (runtimeBytes > MAX_RUNTIME_BYTES * 0.8) console.log(`solc: ${name} runtime code ${runtimeBytes} bytes`);
      if (c.evm.bytecode.object || c.abi.length) write(outDir, name, c.abi, c.evm.bytecode.object);
    }
  }
}

// An npm package's own Solidity source, compiled like the project's (its relative imports resolve in node_modules).
function compileNpmSource(relPath) {
  compile('0.8', { [relPath]: { content: fs.readFileSync(path.join(modules, relPath), 'utf8') } }, modules,
    path.join(out, 'main'));
}

function exportArtifact(relPath, name = path.basename(relPath, '.json')) {
  const a = JSON.parse(fs.readFileSync(path.join(modules, relPath), 'utf8'));
  const bytecode = typeof a.bytecode === 'string' ? a.bytecode : a.evm?.bytecode?.object ?? a.bytecode.object;
  write(path.join(out, 'main'), name, a.abi, bytecode);
}

exportArtifact('@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json');
exportArtifact('@uniswap/v3-core/artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json');
exportArtifact('@uniswap/v3-periphery/artifacts/contracts/NonfungiblePositionManager.sol/NonfungiblePositionManager.json');
exportArtifact('@uniswap/v3-periphery/artifacts/contracts/SwapRouter.sol/SwapRouter.json');
exportArtifact('@uniswap/v3-periphery/artifacts/contracts/lens/QuoterV2.sol/QuoterV2.json');
exportArtifact('@uniswap/v2-periphery/build/WETH9.json');

// Multicall3 has no npm package of its own; viem ships its creation bytecode (not exported: loaded by file path).
const viem = await import('viem');
const { multicall3Bytecode } = await import(pathToFileURL(path.join(modules, 'viem/_esm/constants/contracts.js')).href);
// viem's ABI leaves out internalType, which web3j needs to name the structs: give them Multicall3's own names.
const structNames = { calls: 'Call3', returnData: 'Result' };
const multicall3Abi = viem.multicall3Abi.map((f) => ({
  ...f,
  inputs: f.inputs.map(withStructName),
  outputs: f.outputs.map(withStructName),
}));
function withStructName(p) {
  return p.type === 'tuple[]' ? { ...p, internalType: `struct Multicall3.${structNames[p.name]}[]` } : p;
}
write(path.join(out, 'main'), 'Multicall3', multicall3Abi, multicall3Bytecode);

// Chainlink's official test double of a price feed (AggregatorV3Interface), for the local chain.
compileNpmSource('@chainlink/contracts/src/v0.8/tests/MockV3Aggregator.sol');

const mainCount = compileTree(path.join(root, 'src/main/solidity'), path.join(out, 'main'));
const testCount = compileTree(path.join(root, 'src/test/solidity'), path.join(out, 'test'));
console.log(`solc: ${mainCount} main and ${testCount} test sources compiled; artifacts in ${out}`);
