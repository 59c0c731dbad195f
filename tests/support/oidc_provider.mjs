// A real OpenID provider for the browser test (the npm package oidc-provider), on loopback: one client that must use
// PKCE, and its development sign-in pages, where any name signs in as an account whose claims the test sets.
// Usage: PORT=… REDIRECT_URI=…[,…] ACCOUNT_CLAIMS='{"email": …}' node tests/support/oidc_provider.mjs
import Provider from "oidc-provider";

const port = Number(process.env.PORT);
const claims = JSON.parse(process.env.ACCOUNT_CLAIMS);
const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: "portal-test",
      client_secret: "test-secret",
      redirect_uris: process.env.REDIRECT_URI.split(","),
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  findAccount: async (ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, ...claims }) }),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["oidc-provider-test-key"] },
});
provider.listen(port, "127.0.0.1", () => console.log(`listening on ${port}`));
