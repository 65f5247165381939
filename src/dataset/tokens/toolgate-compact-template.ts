// toolgate's compact ChatML-with-tools template: toolgate-chatml with each tool on one line, `name(param*: type, …):
// description`, instead of its JSON Schema. For small models trained from scratch (the fine-tuning demo): schemas with
// `$schema` URLs, date regexes and per-parameter prose are most of a row's tokens (measured on the demo's rows: 1,048 →
// 452 tokens on average), cost every step, and fill the prompt with ids and digits that are not the user's. The turns,
// the call format and the {% generation %} marks are toolgate-chatml's, so the same rows train and serve the same way.
import { toolgateChatmlTemplate } from "./toolgate-chatml-template.js";

const schemaListing = `{{- 'You can call these tools:\\n<tools>' }}
        {%- for tool in tools %}
            {{- '\\n' + (tool | tojson) }}
        {%- endfor %}
        {{- '\\n</tools>`;

const compactListing = `{{- 'You can call these tools (* = required):' }}
        {%- for tool in tools %}
            {%- set fn = tool.function if tool.function is defined else tool %}
            {{- '\\n- ' + fn.name + '(' }}
            {%- if fn.parameters is defined and fn.parameters.properties is defined %}
                {%- for pname, spec in fn.parameters.properties.items() %}
                    {%- if not loop.first %}{{- ', ' }}{%- endif %}
                    {{- pname }}
                    {%- if fn.parameters.required is defined and pname in fn.parameters.required %}{{- '*' }}{%- endif %}
                    {%- if spec.enum is defined %}{{- ': ' }}{%- for value in spec.enum %}{%- if not loop.first %}{{- '|' }}{%- endif %}{{- value | string }}{%- endfor %}{%- elif spec.type is defined and spec.type is string %}{{- ': ' + spec.type }}{%- endif %}
                {%- endfor %}
            {%- endif %}
            {{- ')' }}
            {%- if fn.description is defined and fn.description %}{{- ': ' + fn.description }}{%- endif %}
        {%- endfor %}
        {{- '`;

if (!toolgateChatmlTemplate.includes(schemaListing)) throw new Error("toolgate-compact: toolgate-chatml's tool listing changed; update the compact one");

export const toolgateCompactTemplate = toolgateChatmlTemplate
  .replace("{#- toolgate's ChatML template with tools.", "{#- toolgate's compact ChatML template with tools (one line per tool).")
  .replace(schemaListing, compactListing);
