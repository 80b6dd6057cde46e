import { describe, expect, it } from 'vitest';
import { configTemplateNear, templateTagNear } from './template-tags.js';

describe('configTemplateNear', () => {
  it('finds shell placeholders only where a value goes, and server-side template tags', () => {
    expect(configTemplateNear('{\n  "a": ${A}\n}', 2)).toBe('shell ${VAR}');
    expect(configTemplateNear('items:\n  - ${ITEM:-x}\n', 2)).toBe('shell ${VAR}');
    expect(configTemplateNear('{ "a": [${A}, 2] }', 1)).toBe('shell ${VAR}');
    expect(configTemplateNear('{ "a": "{{ .Values.a }}" }', 1)).toBe('Handlebars/Mustache {{ }}');
    expect(configTemplateNear('{\n  "a": "${A}"\n  "b": 1\n}', 3)).toBeUndefined();
    expect(configTemplateNear('{\n  "a": $A\n}', 2)).toBeUndefined();
  });
});

describe('templateTagNear', () => {
  it('names the template tag on the line of a syntax error or the line before it', () => {
    const ejs = '(() => {\n  window.clientVars = {\n    version: <%-JSON.stringify(settings.version)%>,\n  };\n})();\n';
    expect(templateTagNear(ejs, 3)).toBe('EJS/ERB <% %>');
    expect(templateTagNear(ejs, 4)).toBe('EJS/ERB <% %>');
    expect(templateTagNear(ejs, 5)).toBeUndefined();
    expect(templateTagNear('{% if debug %}\nconst a = 1;\n{% endif %}\n', 1)).toBe('Jinja/Nunjucks {% %}');
    expect(templateTagNear('const apiUrl = {{ api_url }};\n', 1)).toBe('Handlebars/Mustache {{ }}');
  });

  it('takes no JSX attribute, object literal or string for a tag', () => {
    expect(templateTagNear('const v = <div style={{ color: "red" }}>x</div>;\n', 1)).toBeUndefined();
    expect(templateTagNear('const s = `${{ a: 1 }.a}`;\n', 1)).toBeUndefined();
    expect(templateTagNear('const pct = a % b;\nconst x = <p>100%</p>;\n', 2)).toBeUndefined();
    expect(templateTagNear('', 1)).toBeUndefined();
    expect(templateTagNear('a\nb', 9)).toBeUndefined();
  });
});
