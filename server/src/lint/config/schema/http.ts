// prometheus/common config: the HTTP client block that scrape configs, remote storage, Alertmanager
// configs and most service discoveries inline, with its TLS, auth and proxy sub-blocks.
import { checkHttpClient, checkHttpHeaders, checkProxy, checkTls } from '../checks/http';
import { checkAzureAd, checkSigv4 } from '../checks/remoteAuth';
import { bool, enumOf, file, listOf, mapOf, secret, str, struct, url, type StructDef } from './types';

const tlsVersions = ['TLS10', 'TLS11', 'TLS12', 'TLS13'];
const tlsVersion = enumOf(tlsVersions, (v) => `unknown TLS version: ${v}`);

export const tlsConfig: StructDef = {
  goType: 'config.plain',
  fields: {
    ca: str, ca_file: file, ca_ref: str,
    cert: str, cert_file: file, cert_ref: str,
    key: secret, key_file: file, key_ref: str,
    server_name: str, insecure_skip_verify: bool,
    min_version: tlsVersion, max_version: tlsVersion,
  },
  check: checkTls,
};

export const proxyConfig: StructDef = {
  goType: 'config.ProxyConfig',
  fields: {
    proxy_url: url,
    no_proxy: str,
    proxy_from_environment: bool,
    proxy_connect_header: mapOf(listOf(secret)),
  },
  check: checkProxy,
};

const basicAuth: StructDef = {
  goType: 'config.BasicAuth',
  fields: { username: str, username_file: file, username_ref: str, password: secret, password_file: file, password_ref: str },
};

const authorization: StructDef = {
  goType: 'config.Authorization',
  fields: { type: str, credentials: secret, credentials_file: file, credentials_ref: str },
};

const oauth2: StructDef = {
  goType: 'config.plain',
  include: [proxyConfig],
  fields: {
    client_id: str, client_secret: secret, client_secret_file: file, client_secret_ref: str,
    client_certificate_key_id: str, client_certificate_key: secret, client_certificate_key_file: file,
    client_certificate_key_ref: str, grant_type: str, signature_algorithm: str, iss: str,
    audience: str, claims: mapOf({ kind: 'any' }), scopes: listOf(str), token_url: str,
    endpoint_params: mapOf(str), tls_config: struct(() => tlsConfig),
  },
};

const httpHeader: StructDef = {
  goType: 'config.Header',
  fields: { values: listOf(str), secrets: listOf(secret), files: listOf(file) },
};

/** config.HTTPClientConfig, always inlined. */
export const httpClientConfig: StructDef = {
  goType: 'config.HTTPClientConfig',
  include: [proxyConfig],
  fields: {
    basic_auth: struct(() => basicAuth),
    authorization: struct(() => authorization),
    oauth2: struct(() => oauth2),
    bearer_token: secret,
    bearer_token_file: file,
    tls_config: struct(() => tlsConfig),
    follow_redirects: bool,
    enable_http2: bool,
    http_headers: mapOf(struct(() => httpHeader)),
  },
  check: (v, ctx) => {
    checkHttpClient(v, ctx);
    checkHttpHeaders(v, ctx);
  },
};

/** Fields of the HTTP client block that, when set, make it differ from the defaults. */
export function customHttpFields(keys: string[], isDefault: (key: string) => boolean): string[] {
  const httpKeys = new Set([...Object.keys(httpClientConfig.fields), ...Object.keys(proxyConfig.fields)]);
  return keys.filter((k) => httpKeys.has(k) && !isDefault(k));
}

export const sigv4Config: StructDef = {
  goType: 'sigv4.SigV4Config',
  fields: {
    region: str, access_key: str, secret_key: secret, profile: str, role_arn: str, external_id: str,
    service_name: str, use_fips_sts_endpoint: bool,
  },
  check: checkSigv4,
};

export const azureAdConfig: StructDef = {
  goType: 'azuread.AzureADConfig',
  fields: {
    managed_identity: struct(() => ({ goType: 'azuread.ManagedIdentityConfig', fields: { client_id: str } })),
    oauth: struct(() => ({ goType: 'azuread.OAuthConfig', fields: { client_id: str, client_secret: secret, tenant_id: str } })),
    sdk: struct(() => ({ goType: 'azuread.SDKConfig', fields: { tenant_id: str } })),
    workload_identity: struct(() => ({
      goType: 'azuread.WorkloadIdentityConfig',
      fields: { client_id: str, tenant_id: str, token_file_path: file },
    })),
    cloud: str,
    scope: str,
  },
  check: checkAzureAd,
};

export const googleIamConfig: StructDef = {
  goType: 'googleiam.Config',
  fields: { credentials_file: file },
};
