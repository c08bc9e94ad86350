import type { BuiltinRule } from './rule.js';

/** The server or a callback listener cannot bind its port because another process holds it. */
export const PORT_IN_USE_RULES: readonly BuiltinRule[] = [
  {
    id: 'port_in_use.eaddrinuse',
    category: 'port_in_use',
    pattern: String.raw`(?i)\bEADDRINUSE\b|address already in use|\[Errno (?:48|98|10048)\]|\[WinError 10048\]|only one usage of each socket address|port is already allocated`,
    confidence: 0.96,
    fix: 'free_port',
    description: "EADDRINUSE in Node, `[Errno 48/98] Address already in use` in Python, WinError 10048, docker's `port is already allocated`.",
  },
  {
    id: 'port_in_use.port_prose',
    category: 'port_in_use',
    pattern: String.raw`(?i)\bport\b[^\n]{0,40}\b(?:is |was )?(?:already )?(?:in use|taken|occupied|being used)\b|ports are not available`,
    confidence: 0.92,
    fix: 'free_port',
    description: 'Prose from launchers and the Inspector: `PORT IS IN USE`, `port 3000 is already taken`.',
  },
  {
    id: 'port_in_use.bind_refused',
    category: 'port_in_use',
    pattern: String.raw`(?i)error while attempting to bind on address|forbidden by its access permissions|\[(?:Errno|WinError) 10013\]|conflicts with an existing registration on the (?:computer|machine)`,
    confidence: 0.9,
    fix: 'free_port',
    description: "A bind that fails because the port is held or reserved (uvicorn's bind error, Windows WSAEACCES 10013).",
  },
];
