// The comment block at the top of a compose file or a Dockerfile, where its author often says what the
// file is for ("For development and debugging only. Use Dockerfile.release for production."): read by
// the file roles (src/model/file-role.ts).

/** The `#` comment lines at the top of a file (up to 12 lines, 600 characters), joined. */
export function leadingComment(text: string): string | undefined {
  const out: string[] = [];
  let length = 0;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/, 40)) {
    const line = raw.trim();
    if (line === '' || line === '---') {
      if (out.length > 0) break;
      continue;
    }
    if (!line.startsWith('#')) break;
    const body = line.replace(/^#+\s?/, '');
    out.push(body);
    length += body.length;
    if (out.length >= 12 || length >= 600) break;
  }
  return out.length > 0 ? out.join(' ').slice(0, 600) : undefined;
}
