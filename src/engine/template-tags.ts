// Template tags and placeholders in a file's text, asked after a parse error: a file rendered before
// it runs or is read (EJS/Jinja/Handlebars tags in JS, envsubst `${VAR}` in JSON/YAML) is no syntax
// error of the repository, and the engine says so as info.

import { lineAt } from '../util/text.js';

/** Template tags by kind; `={{` is a JSX attribute holding an object and `${{` a template literal's, not tags. */
const TEMPLATE_TAGS: Array<[kind: string, tag: RegExp]> = [
  ['EJS/ERB <% %>', /<%[^\n%]*%>/],
  ['Jinja/Nunjucks {% %}', /\{%[^\n%]*%\}/],
  ['Handlebars/Mustache {{ }}', /(?<![=$])\{\{[^\n{}]*\}\}/],
];

/**
 * A shell-style placeholder where a value goes (`"port": ${PORT:-8000}`, `- ${ITEM}`): envsubst and
 * entrypoint scripts render such JSON/YAML before the program reads it. Inside quotes it is a plain
 * string, which parses, so only an unquoted one explains a parse error.
 */
const SHELL_PLACEHOLDER_VALUE = /(^|[:,[\-]\s*)\$\{[A-Za-z_]\w*([:?+=-][^}\n]*)?\}/m;

/**
 * The kind of template placeholder on a line of a config file (JSON, YAML) or the line before it:
 * server-side template tags, or an unquoted shell placeholder. Asked only after a parse error.
 */
export function configTemplateNear(text: string, line: number): string | undefined {
  const around = linesAround(text, line);
  return SHELL_PLACEHOLDER_VALUE.test(around) ? 'shell ${VAR}' : tagIn(around);
}

/**
 * The kind of server-side template tag on a line of the text or on the line before it, or
 * undefined. Asked only after a syntax error, of the two lines around it (at most 4 KB each).
 */
export function templateTagNear(text: string, line: number): string | undefined {
  return tagIn(linesAround(text, line));
}

function tagIn(around: string): string | undefined {
  return TEMPLATE_TAGS.find(([, tag]) => tag.test(around))?.[0];
}

/** The line of an error and the one before it, at most 4 KB each. */
function linesAround(text: string, line: number): string {
  return [lineAt(text, line - 1), lineAt(text, line)].map((l) => (l ?? '').slice(0, 4096)).join('\n');
}
