// The UnmarshalYAML/Validate rules of Prometheus' service discoveries (discovery/*/*.go), with
// their messages. Each function receives one `<name>_sd_configs` entry.
import { goQuote } from '../goText';
import type { ObjView } from '../objView';
import { goUrlParseError } from '../validators';
import { report, type WalkContext } from '../walkContext';

type Check = (v: ObjView, ctx: WalkContext) => void;

const sd = (ctx: WalkContext, v: ObjView, key: string | undefined, msg: string): void =>
  report(ctx, 'config/service-discovery', key && v.written(key) ? v.keyRange(key) : v.anchor, msg);

/** Go's url.Parse, just enough to know the scheme and host. */
export function splitUrl(s: string): { scheme: string; host: string } | undefined {
  if (goUrlParseError(s)) return undefined;
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(s);
  if (!m) return { scheme: '', host: '' };
  const rest = m[2];
  const host = rest.startsWith('//') ? rest.slice(2).split(/[/?#]/)[0].replace(/^.*@/, '') : '';
  return { scheme: m[1].toLowerCase(), host };
}

function httpUrlRules(v: ObjView, ctx: WalkContext, key: string): boolean {
  const raw = v.str(key);
  if (raw === '') return sd(ctx, v, key, 'URL is missing'), false;
  const u = splitUrl(raw);
  if (!u) return false; // the url field itself reports the parse error
  if (u.scheme !== 'http' && u.scheme !== 'https') return sd(ctx, v, key, "URL scheme must be 'http' or 'https'"), false;
  if (u.host === '') return sd(ctx, v, key, 'host is missing in URL'), false;
  return true;
}

function secretPair(v: ObjView, ctx: WalkContext): void {
  const key = v.str('secret_key') !== '';
  const file = v.str('secret_key_file') !== '';
  if (!key && !file) sd(ctx, v, undefined, 'one of secret_key & secret_key_file must be configured');
  else if (key && file) sd(ctx, v, 'secret_key_file', 'at most one of secret_key & secret_key_file must be configured');
}

const required = (key: string, msg: string): Check => (v, ctx) => {
  if (v.str(key).trim() === '') sd(ctx, v, undefined, msg);
};

export const azureCheck: Check = (v, ctx) => {
  const need = (key: string): boolean => {
    if (v.str(key) !== '') return true;
    sd(ctx, v, undefined, `azure SD configuration requires a ${key}`);
    return false;
  };
  if (!need('subscription_id')) return;
  const method = v.written('authentication_method') ? v.str('authentication_method') : 'OAuth';
  if (method === 'OAuth' && !(need('client_id') && need('client_secret') && need('tenant_id'))) return;
  if (!['OAuth', 'ManagedIdentity', 'SDK', 'WorkloadIdentity'].includes(method)) {
    sd(ctx, v, 'authentication_method', `unknown authentication_type ${goQuote(method)}. Supported types are "OAuth", "ManagedIdentity", "SDK" or "WorkloadIdentity"`);
  }
};

export const consulCheck: Check = (v, ctx) => {
  if (v.str('server').trim() === '') return sd(ctx, v, undefined, 'consul SD configuration requires a server address');
  if ((v.str('username') !== '' || v.str('password') !== '') && v.has('basic_auth')) {
    return sd(ctx, v, 'basic_auth', 'at most one of consul SD configuration username and password and basic auth can be configured');
  }
  if (v.str('token') !== '' && (v.has('authorization') || v.has('oauth2'))) {
    sd(ctx, v, 'token', 'at most one of consul SD token, authorization, or oauth2 can be configured');
  }
};

/** discovery/moby: the host must be there and pass Go's url.Parse (`unix:///var/run/docker.sock`). */
function dockerHost(v: ObjView, ctx: WalkContext): boolean {
  const host = v.str('host');
  if (host === '') {
    sd(ctx, v, undefined, 'host missing');
    return false;
  }
  const err = goUrlParseError(host);
  if (err) sd(ctx, v, 'host', err);
  return err === undefined;
}

export const dockerCheck: Check = (v, ctx) => {
  dockerHost(v, ctx);
};

export const dockerswarmCheck: Check = (v, ctx) => {
  if (!dockerHost(v, ctx)) return;
  const role = v.str('role');
  if (role === '') return sd(ctx, v, undefined, 'role missing (one of: tasks, services, nodes)');
  if (!['tasks', 'services', 'nodes'].includes(role)) sd(ctx, v, 'role', `invalid role ${role}, expected tasks, services, or nodes`);
};

export const dnsCheck: Check = (v, ctx) => {
  if (v.items('names').length === 0) return sd(ctx, v, undefined, 'DNS-SD config must contain at least one SRV record name');
  const type = (v.written('type') ? v.str('type') : 'SRV').toUpperCase();
  if (!['SRV', 'A', 'AAAA', 'MX', 'NS'].includes(type)) return sd(ctx, v, 'type', `invalid DNS-SD records type ${v.str('type')}`);
  if (type !== 'SRV' && !v.num('port')) sd(ctx, v, undefined, 'a port is required in DNS-SD configs for all record types except SRV');
};

/** discovery/aws SDConfig.UnmarshalYAML (aws_sd_configs): request_concurrency defaults to a positive value. */
export const awsCheck: Check = (v, ctx) => {
  const n = v.num('request_concurrency');
  if (v.written('request_concurrency') && n !== undefined && n <= 0) {
    sd(ctx, v, 'request_concurrency', `aws_sd: request_concurrency must be positive, got ${n}`);
  }
  emptyFilterValues(v, ctx, 'Filter values cannot be empty');
};

export const ec2Check: Check = (v, ctx) => emptyFilterValues(v, ctx, 'EC2 SD configuration filter values cannot be empty');

/** The AWS discoveries refuse a filter without values, each with its own message. */
function emptyFilterValues(v: ObjView, ctx: WalkContext, message: string): void {
  for (const f of v.subList('filters')) {
    if (f.items('values').length === 0) report(ctx, 'config/service-discovery', f.anchor, message);
  }
}

export const eurekaCheck: Check = (v, ctx) => {
  const server = v.str('server');
  if (server === '') return sd(ctx, v, undefined, 'eureka_sd: empty or null eureka server');
  const u = splitUrl(server);
  if (u && (u.scheme === '' || u.host === '')) sd(ctx, v, 'server', 'eureka_sd: invalid eureka server URL');
};

const fileSdName = /^[^*]*(\*[^/]*)?\.(json|yml|yaml|JSON|YML|YAML)$/;
export const fileCheck: Check = (v, ctx) => {
  const files = v.strList('files');
  if (files.length === 0) return sd(ctx, v, undefined, 'file service discovery config must contain at least one path name');
  const items = v.items('files');
  files.forEach((name, i) => {
    if (!fileSdName.test(name.trim())) {
      const r = items[i]?.range;
      report(ctx, 'config/service-discovery', r ? [r[0], r[1]] : v.anchor, `path name ${goQuote(name)} is not valid for file discovery`);
    }
  });
};

export const gceCheck: Check = (v, ctx) => {
  if (v.str('project') === '') return sd(ctx, v, undefined, 'GCE SD configuration requires a project');
  if (v.str('zone') === '') sd(ctx, v, undefined, 'GCE SD configuration requires a zone');
};

export const hetznerCheck: Check = (v, ctx) => {
  if (v.str('role') === '') sd(ctx, v, undefined, 'role missing (one of: robot, hcloud)');
};

export const httpSdCheck: Check = (v, ctx) => void httpUrlRules(v, ctx, 'url');

export const ionosCheck = required('datacenter_id', "datacenter id can't be empty");

export const kumaCheck: Check = (v, ctx) => {
  const server = v.str('server');
  const u = splitUrl(server);
  if (server === '') return sd(ctx, v, undefined, `kuma SD server must not be empty: ${server}`);
  if (u && (u.scheme === '' || u.host === '')) sd(ctx, v, 'server', `kuma SD server must not be empty and have a scheme: ${server}`);
};

export const marathonCheck: Check = (v, ctx) => {
  const token = v.str('auth_token') !== '' || v.str('auth_token_file') !== '';
  if (v.items('servers').length === 0) return sd(ctx, v, undefined, 'marathon_sd: must contain at least one Marathon server');
  if (v.str('auth_token') !== '' && v.str('auth_token_file') !== '') {
    return sd(ctx, v, 'auth_token_file', 'marathon_sd: at most one of auth_token & auth_token_file must be configured');
  }
  if (!token) return;
  if (v.has('basic_auth')) return sd(ctx, v, 'basic_auth', 'marathon_sd: at most one of basic_auth, auth_token & auth_token_file must be configured');
  if (v.str('bearer_token') !== '' || v.str('bearer_token_file') !== '') {
    return sd(ctx, v, v.written('bearer_token') ? 'bearer_token' : 'bearer_token_file', 'marathon_sd: at most one of bearer_token, bearer_token_file, auth_token & auth_token_file must be configured');
  }
  if (v.has('authorization')) sd(ctx, v, 'authorization', 'marathon_sd: at most one of auth_token, auth_token_file & authorization must be configured');
};

const zookeeperCheck = (name: string): Check => (v, ctx) => {
  if (v.items('servers').length === 0) return sd(ctx, v, undefined, `${name} SD config must contain at least one Zookeeper server`);
  const paths = v.strList('paths');
  if (paths.length === 0) return sd(ctx, v, undefined, `${name} SD config must contain at least one path`);
  for (const p of paths) if (!p.startsWith('/')) return sd(ctx, v, 'paths', `${name} SD config paths must begin with '/': ${p}`);
};
export const nerveCheck = zookeeperCheck('nerve');
export const serversetCheck = zookeeperCheck('serverset');

export const nomadCheck = required('server', 'nomad SD configuration requires a server address');

export const openstackCheck: Check = (v, ctx) => {
  if (v.str('role') === '') return sd(ctx, v, undefined, 'role missing (one of: instance, hypervisor, loadbalancer)');
  if (v.str('region') === '') sd(ctx, v, undefined, 'openstack SD configuration requires a region');
};

export const ovhcloudCheck: Check = (v, ctx) => {
  const pairs: [string, string][] = [
    ['endpoint', 'endpoint can not be empty'],
    ['application_key', 'application key can not be empty'],
    ['application_secret', 'application secret can not be empty'],
    ['consumer_key', 'consumer key can not be empty'],
  ];
  for (const [key, msg] of pairs) if (v.str(key) === '') return sd(ctx, v, undefined, msg);
  const service = v.str('service');
  if (service !== 'vps' && service !== 'dedicated_server') sd(ctx, v, 'service', `unknown service: ${service}`);
};

export const puppetdbCheck: Check = (v, ctx) => {
  if (!httpUrlRules(v, ctx, 'url')) return;
  if (v.str('query') === '') sd(ctx, v, undefined, 'query missing');
};

export const scalewayCheck: Check = (v, ctx) => {
  if (v.str('role') === '') return sd(ctx, v, undefined, 'role missing (one of: instance, baremetal)');
  if (v.str('project_id') === '') return sd(ctx, v, undefined, 'project_id is mandatory');
  secretPair(v, ctx);
};

export const outscaleCheck: Check = (v, ctx) => {
  if (v.str('region') === '') return sd(ctx, v, undefined, 'outscale SD configuration requires a region');
  if (v.str('access_key') === '') return sd(ctx, v, undefined, 'outscale SD configuration requires access_key');
  secretPair(v, ctx);
};

export const tritonCheck: Check = (v, ctx) => {
  if (v.str('account') === '') return sd(ctx, v, undefined, 'triton SD configuration requires an account');
  if (v.str('dns_suffix') === '') return sd(ctx, v, undefined, 'triton SD configuration requires a dns_suffix');
  if (v.str('endpoint') === '') sd(ctx, v, undefined, 'triton SD configuration requires an endpoint');
};

export const uyuniCheck: Check = (v, ctx) => {
  if (v.str('server') === '') return sd(ctx, v, undefined, 'Uyuni SD configuration requires server host');
  if (v.str('username') === '') return sd(ctx, v, undefined, 'Uyuni SD configuration requires a username');
  if (v.str('password') === '') sd(ctx, v, undefined, 'Uyuni SD configuration requires a password');
};

export const stackitCheck: Check = (v, ctx) => {
  const endpoint = v.str('endpoint');
  const err = endpoint === '' ? undefined : goUrlParseError(endpoint);
  if (err) sd(ctx, v, 'endpoint', `invalid endpoint: ${err}`);
};

export const ociCheck: Check = (v, ctx) => {
  if (v.str('region') === '') return sd(ctx, v, undefined, 'oci_sd: region is required');
  const auth = v.written('auth') ? v.str('auth') : 'api_key';
  if (auth === 'api_key') {
    for (const key of ['tenancy', 'user', 'fingerprint', 'key_file']) {
      if (v.str(key) === '') return sd(ctx, v, undefined, `oci_sd: api_key auth requires ${key}`);
    }
    if (v.str('key_passphrase') !== '' && v.str('key_passphrase_file') !== '') {
      return sd(ctx, v, 'key_passphrase_file', 'oci_sd: at most one of key_passphrase and key_passphrase_file must be configured');
    }
  } else if (auth === 'instance_principal') {
    const set = ['tenancy', 'user', 'fingerprint', 'key_file', 'key_passphrase', 'key_passphrase_file'].find((k) => v.str(k) !== '');
    if (set) {
      return sd(ctx, v, set, 'oci_sd: instance_principal auth must not have tenancy, user, fingerprint, key_file, key_passphrase, or key_passphrase_file set');
    }
  } else {
    return sd(ctx, v, 'auth', `oci_sd: unknown auth method ${goQuote(auth)}, expected "api_key" or "instance_principal"`);
  }
  v.strList('compartments').forEach((id, i) => {
    if (id === '') sd(ctx, v, 'compartments', `oci_sd: compartments[${i}] must not be empty`);
  });
};
