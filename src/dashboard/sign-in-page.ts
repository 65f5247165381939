// The sign-in form: a principal's API key (toolgate keys create), posted with a token only this browser holds.
import { html } from "hono/html";
import type { Html } from "./layout.js";

export function signInForm(base: string, signInToken: string, problem?: string): Html {
  return html`${problem ? html`<p class="error" role="alert">${problem}</p>` : ""}
<form method="post" action="${base}/sign-in">
<input type="hidden" name="_signin" value="${signInToken}">
<p><label>API key <input type="password" name="key" autocomplete="off" required size="60" autofocus></label></p>
<p>The key's principal needs one of the roles viewer, approver or admin (<code>toolgate keys create --principal you --role approver</code>).</p>
<button type="submit">Sign in</button>
</form>`;
}
