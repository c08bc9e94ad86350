/** The client's version (kept equal to package.json's by a test). */
export const CLIENT_VERSION = '0.1.0';
