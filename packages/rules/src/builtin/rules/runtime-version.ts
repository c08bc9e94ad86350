import type { BuiltinRule } from './rule.js';

/** The Node.js or Python that runs the server is too old or too new for it. */
export const RUNTIME_VERSION_RULES: readonly BuiltinRule[] = [
  {
    id: 'runtime_version.node_new_syntax',
    category: 'runtime_version',
    // The message ends the line: the JSON.parse form (`Unexpected token '.', "..." is not valid JSON`) goes on.
    pattern: String.raw`SyntaxError: Unexpected token '?(?:\.|\?|\?\.|\?\?|\?\?=|\|\|=|&&=|#)'?[ \t\r]*$`,
    confidence: 0.9,
    fix: 'use_compatible_runtime',
    description: 'An old Node parsing `?.`, `??`, `||=` or `#private`: `SyntaxError: Unexpected token \'.\'`.',
  },
  {
    id: 'runtime_version.node_module_syntax',
    category: 'runtime_version',
    pattern: String.raw`SyntaxError: (?:Unexpected (?:string|identifier|reserved word|token '?(?:export|import|\{)'?)|Cannot use import statement outside a module|await is only valid in async function|Invalid regular expression flags)`,
    confidence: 0.82,
    fix: 'use_compatible_runtime',
    description: 'A Node too old (or too new) for the module syntax it loads: `Unexpected string` at an import, `Unexpected identifier \'assert\'`.',
  },
  {
    id: 'runtime_version.node_missing_global',
    category: 'runtime_version',
    pattern: String.raw`ReferenceError: (?:fetch|File|Blob|ReadableStream|WritableStream|TransformStream|Headers|Request|Response|FormData|AbortController|AbortSignal|structuredClone|crypto|TextDecoderStream|WebSocket|navigator|BroadcastChannel|DOMException) is not defined`,
    confidence: 0.9,
    fix: 'use_compatible_runtime',
    description: 'A web global that older Node versions lack: `ReferenceError: fetch is not defined`.',
  },
  {
    id: 'runtime_version.node_builtin_prefix',
    category: 'runtime_version',
    pattern: String.raw`Cannot find module 'node:|\bERR_UNKNOWN_BUILTIN_MODULE\b|No such built-in module`,
    confidence: 0.96,
    fix: 'use_compatible_runtime',
    description: "A Node too old for `node:` imports: `Cannot find module 'node:process'`.",
  },
  {
    id: 'runtime_version.node_engine',
    category: 'runtime_version',
    pattern: String.raw`(?i)\bEBADENGINE\b|Unsupported engine|The engine "node" is incompatible|requires? (?:at least )?Node(?:\.js)? (?:version )?(?:>= ?)?v?\d|Node(?:\.js)? (?:version )?v?\d+(?:\.\d+)*(?:\+| or (?:higher|newer|later|above))(?: is)? required|unsupported Node(?:\.js)? version`,
    confidence: 0.9,
    fix: 'use_compatible_runtime',
    description: 'npm/yarn engine checks and servers that say which Node they need (`EBADENGINE`, `requires Node.js >= 20`).',
  },
  {
    id: 'runtime_version.require_esm',
    category: 'runtime_version',
    pattern: String.raw`\bERR_REQUIRE_ESM\b|\bERR_REQUIRE_ASYNC_MODULE\b|require\(\) of ES Module`,
    confidence: 0.85,
    fix: 'use_compatible_runtime',
    description: 'A CommonJS require() of an ES module, which only Node 20.19+/22.12+ allow.',
  },
  {
    id: 'runtime_version.old_npx',
    category: 'runtime_version',
    pattern: String.raw`\bnpx: installed \d+ in \d`,
    confidence: 0.7,
    fix: 'use_compatible_runtime',
    description: "npm 6's `npx: installed N in Xs` banner: the client picked up a Node 14 or older.",
  },
  {
    id: 'runtime_version.python_requires',
    category: 'runtime_version',
    pattern: String.raw`(?i)requires? a different Python|Requires-Python|Python version [^\n]{0,30}does not satisfy|depends on Python ?>=|incompatible with the project's Python requirement|No interpreter found for Python|requires Python (?:>= ?|version )?3\.\d+|Python (?:version )?(?:>= ?)?3\.\d+(?:\+| or (?:higher|newer|later|above))(?: is)? required|unsupported Python version`,
    confidence: 0.95,
    fix: 'use_compatible_runtime',
    description: "pip's and uv's Requires-Python refusals and servers that say which Python they need.",
  },
  {
    id: 'runtime_version.python_old_typing',
    category: 'runtime_version',
    pattern: String.raw`TypeError: unsupported operand type\(s\) for \|: '(?:type|ABCMeta|_GenericAlias)'|TypeError: '(?:type|ABCMeta)' object is not subscriptable`,
    confidence: 0.88,
    fix: 'use_compatible_runtime',
    description: 'Type hints like `str | None` or `list[str]` evaluated by a Python older than 3.10 / 3.9.',
  },
];
