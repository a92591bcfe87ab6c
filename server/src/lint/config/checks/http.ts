// prometheus/common HTTPClientConfig.Validate, TLSConfig.Validate and ProxyConfig.Validate:
// which authentication settings exclude each other, with upstream's messages.
import type { ObjView } from '../objView';
import { report, type WalkContext } from '../walkContext';
import { rangeOf } from '../yamlNodes';

const count = (...xs: boolean[]): number => xs.filter(Boolean).length;

export function checkHttpClient(v: ObjView, ctx: WalkContext): void {
  const fail = (key: string, msg: string): void => report(ctx, 'config/auth-exclusive', v.keyRange(key), msg);
  const bearer = v.str('bearer_token') !== '';
  const bearerFile = v.str('bearer_token_file') !== '';
  const basic = v.sub('basic_auth');
  const authz = v.sub('authorization');
  const oauth2 = v.sub('oauth2');
  const basicSet = v.has('basic_auth');
  const oauthSet = v.has('oauth2');
  if (bearer && bearerFile) return fail('bearer_token_file', 'at most one of bearer_token & bearer_token_file must be configured');
  if ((basicSet || oauthSet) && (bearer || bearerFile)) {
    return fail(bearer ? 'bearer_token' : 'bearer_token_file', 'at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured');
  }
  if (basic) {
    if (count(basic.str('username') !== '', basic.str('username_file') !== '', basic.str('username_ref') !== '') > 1) {
      return fail('basic_auth', 'at most one of basic_auth username, username_file & username_ref must be configured');
    }
    if (count(basic.str('password') !== '', basic.str('password_file') !== '', basic.str('password_ref') !== '') > 1) {
      return fail('basic_auth', 'at most one of basic_auth password, password_file & password_ref must be configured');
    }
  }
  if (v.has('authorization')) {
    if (bearer || bearerFile) return fail('authorization', 'authorization is not compatible with bearer_token & bearer_token_file');
    if (authz && count(authz.str('credentials') !== '', authz.str('credentials_file') !== '', authz.str('credentials_ref') !== '') > 1) {
      return fail('authorization', 'at most one of authorization credentials & credentials_file must be configured');
    }
    if (authz && authz.str('type').trim().toLowerCase() === 'basic') {
      report(ctx, 'config/auth-exclusive', authz.valueRange('type'), 'authorization type cannot be set to "basic", use "basic_auth" instead');
      return;
    }
    if (basicSet || oauthSet) return fail('authorization', 'at most one of basic_auth, oauth2 & authorization must be configured');
  }
  if (oauthSet) {
    if (basicSet) return fail('oauth2', 'at most one of basic_auth, oauth2 & authorization must be configured');
    if (oauth2) checkOAuth2(oauth2, ctx);
  }
}

function checkOAuth2(o: ObjView, ctx: WalkContext): void {
  const fail = (msg: string): void => report(ctx, 'config/invalid-value', o.anchor, msg);
  if (o.str('client_id') === '') return fail('oauth2 client_id must be configured');
  if (o.str('token_url') === '') return fail('oauth2 token_url must be configured');
  if (count(o.str('client_secret') !== '', o.str('client_secret_file') !== '', o.str('client_secret_ref') !== '') > 1) {
    return fail('at most one of oauth2 client_secret, client_secret_file & client_secret_ref must be configured');
  }
}

export function checkProxy(v: ObjView, ctx: WalkContext): void {
  const fail = (key: string, msg: string): void => report(ctx, 'config/invalid-value', v.keyRange(key), msg);
  const proxyUrl = v.str('proxy_url') !== '';
  const fromEnv = v.bool('proxy_from_environment') === true;
  if (v.has('proxy_connect_header') && !fromEnv && !proxyUrl) {
    return fail('proxy_connect_header', 'if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured');
  }
  if (fromEnv && proxyUrl) return fail('proxy_url', 'if proxy_from_environment is configured, proxy_url must not be configured');
  if (fromEnv && v.str('no_proxy') !== '') return fail('no_proxy', 'if proxy_from_environment is configured, no_proxy must not be configured');
  if (!proxyUrl && v.str('no_proxy') !== '') return fail('no_proxy', 'if no_proxy is configured, proxy_url must also be configured');
}

export function checkTls(v: ObjView, ctx: WalkContext): void {
  const fail = (msg: string): void => report(ctx, 'config/invalid-value', v.anchor, msg);
  const set = (k: string): boolean => v.str(k) !== '';
  if (count(set('ca'), set('ca_file'), set('ca_ref')) > 1) return fail('at most one of ca, ca_file & ca_ref must be configured');
  if (count(set('cert'), set('cert_file'), set('cert_ref')) > 1) return fail('at most one of cert, cert_file & cert_ref must be configured');
  if (count(set('key'), set('key_file'), set('key_ref')) > 1) return fail('at most one of key and key_file must be configured');
  const cert = set('cert') || set('cert_file') || set('cert_ref');
  const key = set('key') || set('key_file') || set('key_ref');
  if (cert && !key) return fail('exactly one of key or key_file must be configured when a client certificate is configured');
  if (key && !cert) return fail('exactly one of cert or cert_file must be configured when a client key is configured');
}

/** Headers prometheus/common refuses in `http_headers` (canonical form). */
const reservedHttpHeaders = new Set(
  [
    'Authorization', 'Host', 'Content-Encoding', 'Content-Length', 'Content-Type', 'User-Agent', 'Connection',
    'Keep-Alive', 'Proxy-Authenticate', 'Proxy-Authorization', 'Www-Authenticate', 'Accept-Encoding',
    'X-Prometheus-Remote-Write-Version', 'X-Prometheus-Remote-Read-Version', 'X-Prometheus-Scrape-Timeout-Seconds',
    'X-Amz-Date', 'X-Amz-Security-Token', 'X-Amz-Content-Sha256',
  ],
);

export function canonicalHeaderKey(h: string): string {
  return h.toLowerCase().replace(/(^|-)([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
}

export function checkHttpHeaders(v: ObjView, ctx: WalkContext): void {
  for (const e of v.mapOf('http_headers')) {
    const canonical = canonicalHeaderKey(e.keyText);
    if (reservedHttpHeaders.has(canonical)) {
      report(ctx, 'config/header', rangeOf(e.keyNode), `setting header ${JSON.stringify(canonical)} is not allowed`);
    }
  }
}
