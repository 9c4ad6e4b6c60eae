// Serves the built web client (dist/client) over HTTP: GET and HEAD only,
// files inside the folder only (no `..`, no symlinks out, no dotfiles),
// content types from a fixed list, and headers that keep the page to its
// own origin. `/` is index.html. When the client was not built, every page
// says how to build it.

import { createReadStream, realpathSync, statSync } from "node:fs";
import { extname, join, sep } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

/**
 * The page may talk only to this server (its websocket included); CodeMirror
 * styles itself with <style> elements, hence 'unsafe-inline' for styles only.
 */
const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/** Build output names that carry a content hash never change: they may be cached for good. */
const HASHED = /-[A-Z0-9]{8}\.(js|css)$/;

export const staticFiles = (folder: string): ((req: IncomingMessage, res: ServerResponse) => void) => {
  let root: string | null = null;
  const rootOf = (): string | null => {
    try { root ??= realpathSync(folder); } catch { return null; }
    return root;
  };
  return (req, res) => {
    const send = (status: number, text: string, extra: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...SECURITY_HEADERS, ...extra });
      res.end(req.method === "HEAD" ? undefined : text);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "Method not allowed\n", { allow: "GET, HEAD" });
    const base = rootOf();
    // A page that says what to do, as the placeholder before the client existed did.
    if (!base) return send(200, "This MOO's web client is not built: run `npm run build`. Meanwhile, connect a websocket to /ws (one text frame per line), or use telnet.\n");
    const file = resolveInside(base, req.url ?? "/");
    if (!file) return send(404, "Not found\n");
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    const cache = HASHED.test(file) ? "public, max-age=31536000, immutable" : "no-cache";
    res.writeHead(200, { "content-type": type, "content-length": String(statSync(file).size), "cache-control": cache, ...SECURITY_HEADERS });
    if (req.method === "HEAD") { res.end(); return; }
    createReadStream(file).on("error", () => res.destroy()).pipe(res);
  };
};

/** The regular file a URL names inside root, or null: anything that would leave root, or hidden, is not found. */
export const resolveInside = (root: string, url: string): string | null => {
  let path: string;
  try { path = decodeURIComponent(new URL(url, "http://x").pathname); } catch { return null; }
  if (path.includes("\0") || path.includes("\\")) return null;
  if (path.endsWith("/")) path += "index.html";
  const parts = path.split("/").filter((p) => p !== "");
  if (parts.some((p) => p === ".." || p.startsWith("."))) return null;
  try {
    // realpath, so a symlink inside cannot lead outside.
    const real = realpathSync(join(root, ...parts));
    if (!real.startsWith(root + sep) || !statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
};
