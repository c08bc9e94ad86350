/** endpointVariants: the (transport, URL) pairs worth probing instead of a failing one, in order. */
import { describe, expect, it } from 'vitest';
import { endpointVariants, type Endpoint } from '@tapheal/client';

describe('endpointVariants', () => {
  it('tries the other transport at the same URL first, then /mcp and /sse on the same origin', () => {
    expect(endpointVariants({ transport: 'http', url: 'https://api.example.com/v1/mcp' })).toEqual([
      { transport: 'sse', url: 'https://api.example.com/v1/mcp' },
      { transport: 'http', url: 'https://api.example.com/mcp' },
      { transport: 'sse', url: 'https://api.example.com/sse' },
    ]);
  });

  it('from SSE, tries streamable HTTP at the same URL and then /mcp', () => {
    expect(endpointVariants({ transport: 'sse', url: 'https://api.example.com/sse' })).toEqual([
      { transport: 'http', url: 'https://api.example.com/sse' },
      { transport: 'http', url: 'https://api.example.com/mcp' },
    ]);
  });

  it('tries 127.0.0.1 after localhost, with the same port, path and query', () => {
    expect(endpointVariants({ transport: 'http', url: 'http://localhost:3000/api?key=1' })).toEqual([
      { transport: 'sse', url: 'http://localhost:3000/api?key=1' },
      { transport: 'http', url: 'http://localhost:3000/mcp?key=1' },
      { transport: 'sse', url: 'http://localhost:3000/sse?key=1' },
      { transport: 'http', url: 'http://127.0.0.1:3000/mcp?key=1' },
      { transport: 'sse', url: 'http://127.0.0.1:3000/sse?key=1' },
      { transport: 'http', url: 'http://127.0.0.1:3000/api?key=1' },
    ]);
  });

  it('does not try 127.0.0.1 for a host that is not localhost', () => {
    const variants = endpointVariants({ transport: 'http', url: 'http://192.168.1.20:8000/mcp' });

    expect(variants.some((variant) => variant.url.includes('127.0.0.1'))).toBe(false);
  });

  it.each<Endpoint>([
    { transport: 'http', url: 'http://localhost:3000/mcp' },
    { transport: 'sse', url: 'http://localhost:3000/sse' },
    { transport: 'http', url: 'http://localhost:3000/mcp/' },
    { transport: 'sse', url: 'https://api.example.com/sse?token=x' },
    { transport: 'http', url: 'http://127.0.0.1:8080/mcp' },
  ])('never returns the current endpoint ($transport $url), nor any pair twice', (current) => {
    const variants = endpointVariants(current);
    const keys = variants.map((variant) => `${variant.transport} ${variant.url.replace(/\/+(?=\?|$)/, '')}`);

    expect(variants.length).toBeGreaterThan(0);
    expect(keys).not.toContain(`${current.transport} ${current.url.replace(/\/+(?=\?|$)/, '')}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(['not a url', '', '//no-scheme.example/mcp', 'http://'])('gives nothing for a URL it cannot read: %j', (url) => {
    expect(endpointVariants({ transport: 'http', url })).toEqual([]);
  });
});
