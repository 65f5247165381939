// For dashboard tests: a browser's cookie jar over a Hono app's `request`, reduced to what the dashboard sets.
interface RequestingApp {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

export function cookieBrowser(app: RequestingApp) {
  const cookies = new Map<string, string>();
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cookie", [...cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    if (!headers.has("accept")) headers.set("accept", "text/html");
    const response = await app.request(path, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, value] = pair!.split("=");
      if (value === "") cookies.delete(name!);
      else cookies.set(name!, value!);
    }
    return response;
  };
  const form = (fields: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(fields), headers: { "content-type": "application/x-www-form-urlencoded" } });
  return {
    cookies,
    request,
    form,
    async signIn(key: string) {
      const page = await (await request("/sign-in")).text();
      const token = /name="_signin" value="([^"]+)"/.exec(page)![1]!;
      return request("/sign-in", form({ _signin: token, key }));
    },
    async csrf() {
      return /data-csrf="([^"]+)"/.exec(await (await request("/approvals")).text())![1]!;
    },
  };
}
