import type { BuiltinRule } from './rule.js';

/** The server was refused access to a file or directory. */
export const PERMISSION_DENIED_RULES: readonly BuiltinRule[] = [
  {
    id: 'permission_denied.outside_allowed_dirs',
    category: 'permission_denied',
    pattern: String.raw`(?i)outside (?:of )?(?:the )?allowed (?:directories|directory|paths|roots)|not (?:in|within) (?:the |any )?allowed (?:directories|directory|paths|roots)|access denied - path`,
    confidence: 0.93,
    fix: 'report_only',
    description: 'A filesystem server refusing a path outside its allowed directories.',
  },
  {
    id: 'permission_denied.read_only_fs',
    category: 'permission_denied',
    pattern: String.raw`(?i)read-only file system|\bEROFS\b|\[Errno 30\]`,
    confidence: 0.93,
    fix: 'set_working_directory',
    description: 'Writing into a read-only location (EROFS, `[Errno 30] Read-only file system`), usually a relative path from a read-only cwd.',
  },
  {
    id: 'permission_denied.eacces',
    category: 'permission_denied',
    pattern: String.raw`\bEACCES\b`,
    confidence: 0.88,
    fix: 'set_working_directory',
    description: "Node's EACCES errno (open, mkdir, spawn of a non-executable file).",
  },
  {
    id: 'permission_denied.eperm',
    category: 'permission_denied',
    pattern: String.raw`(?i)\bEPERM\b|operation not permitted`,
    confidence: 0.86,
    fix: 'set_working_directory',
    description: '`EPERM` / `Operation not permitted` (locked files on Windows, macOS privacy protection).',
  },
  {
    id: 'permission_denied.python_permission_error',
    category: 'permission_denied',
    pattern: String.raw`PermissionError|\[Errno 13\]|\[WinError 5\]`,
    confidence: 0.9,
    fix: 'set_working_directory',
    description: "Python's `PermissionError: [Errno 13]` or `[WinError 5] Access is denied`.",
  },
  {
    id: 'permission_denied.prose',
    category: 'permission_denied',
    pattern: String.raw`(?i)\bpermission denied\b|\baccess is denied\b`,
    confidence: 0.82,
    fix: 'set_working_directory',
    description: 'Shell and OS prose: `Permission denied`, `Access is denied`.',
  },
  {
    id: 'permission_denied.access_denied',
    category: 'permission_denied',
    pattern: String.raw`(?i)\baccess denied\b|\binsufficient permissions?\b`,
    confidence: 0.7,
    fix: 'report_only',
    description: 'A bare `Access denied` with nothing saying it is about credentials.',
  },
];
