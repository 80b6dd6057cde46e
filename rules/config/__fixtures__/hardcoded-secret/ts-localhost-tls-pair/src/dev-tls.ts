// The pair the dev server falls back to when run with --https and no key of the user's own.
// Made with openssl req -x509 for CN=localhost; browsers warn about it, and that is fine here.
export const DEV_KEY = `
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQget7C1ZB8eS33S+7q
Ea6HklOpI0AkRhwer2Ses69n9/ehRANCAAT0DihT7LC6msHE/IIkv/pewhBgn3YT
nR7MtRvQF7wBSLusXFboR71mfCICE3YcpHs3SHLfIoPaJ/T8vcTAOrww
-----END PRIVATE KEY-----
`;

export const DEV_CERT = `
-----BEGIN CERTIFICATE-----
MIIBmjCCAUGgAwIBAgIUDgmMR1KxWIu+Gy58BdnlCpE2upUwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwNjIwMzIyNloYDzIxMjYxMTEy
MjAzMjI2WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAT0DihT7LC6msHE/IIkv/pewhBgn3YTnR7MtRvQF7wBSLusXFboR71m
fCICE3YcpHs3SHLfIoPaJ/T8vcTAOrwwo28wbTAdBgNVHQ4EFgQUogXqUwMNSfwq
8WdEXnU9HhRxbycwHwYDVR0jBBgwFoAUogXqUwMNSfwq8WdEXnU9HhRxbycwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDRwAwRAIgVBI7Xs2cUp2jkNKMeZ70Bzwao3N2cfQNtpZfKFBGNbUCICHC
8oBXcEF0cdlk3dNqym7xWx4jRoD1pFFSxVV0GFXe
-----END CERTIFICATE-----
`;
