// toolgate's ChatML-with-tools chat template, as a string so it ships inside the compiled package (tsc copies no .jinja).
// Its {% generation %} marks cover each assistant turn through its end-of-turn newline, so TRL's assistant mask and
// the token step's trained-token count (completion after the generation prompt) are the same tokens.
export const toolgateChatmlTemplate = `{#- toolgate's ChatML template with tools. The generation marks tell TRL (assistant_only_loss) which tokens carry loss. -#}
{%- if bos_token is defined and bos_token %}{{- bos_token }}{%- endif %}
{%- set ns = namespace(system='') %}
{%- if messages and messages[0].role == 'system' %}{%- set ns.system = messages[0].content %}{%- endif %}
{%- if ns.system or tools %}
    {{- '<|im_start|>system\\n' + ns.system }}
    {%- if tools %}
        {%- if ns.system %}{{- '\\n\\n' }}{%- endif %}
        {{- 'You can call these tools:\\n<tools>' }}
        {%- for tool in tools %}
            {{- '\\n' + (tool | tojson) }}
        {%- endfor %}
        {{- '\\n</tools>\\nTo call one, reply with <tool_call>{"name": ..., "arguments": {...}}</tool_call>.' }}
    {%- endif %}
    {{- '<|im_end|>\\n' }}
{%- endif %}
{%- for message in messages %}
    {%- if message.role == 'system' and loop.first %}
    {%- elif message.role == 'assistant' %}
        {{- '<|im_start|>assistant\\n' }}
        {%- generation %}
        {%- if message.content is string %}{{- message.content }}{%- endif %}
        {%- if message.tool_calls %}
            {%- for call in message.tool_calls %}
                {%- set call = call.function if call.function is defined else call %}
                {%- if not loop.first or (message.content is string and message.content) %}{{- '\\n' }}{%- endif %}
                {{- '<tool_call>{"name": "' + call.name + '", "arguments": ' }}
                {%- if call.arguments is string %}{{- call.arguments }}{%- else %}{{- call.arguments | tojson }}{%- endif %}
                {{- '}</tool_call>' }}
            {%- endfor %}
        {%- endif %}
        {{- '<|im_end|>\\n' }}
        {%- endgeneration %}
    {%- else %}
        {{- '<|im_start|>' + message.role + '\\n' }}
        {%- if message.content is string %}{{- message.content }}{%- else %}{{- message.content | tojson }}{%- endif %}
        {{- '<|im_end|>\\n' }}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}
`;
