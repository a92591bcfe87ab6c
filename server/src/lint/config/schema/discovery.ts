// Every service discovery Prometheus 3.x knows, as `<name>_sd_configs` -> block. Blocks that talk
// HTTP inline the HTTP client settings. Whole-block rules live in ../checks/discovery.ts.
import * as c from '../checks/discovery';
import { kubernetesCheck, kubernetesRoles } from '../checks/kubernetes';
import { goQuote } from '../goText';
import { httpClientConfig, tlsConfig } from './http';
import {
  bool, duration, enumOf, file, int, listOf, mapOf, secret, str, struct, uint, url, type FieldType, type StructDef,
} from './types';

const withHttp = (pkg: string, fields: StructDef['fields'], check?: StructDef['check']): StructDef => ({
  goType: `${pkg}.plain`,
  include: [httpClientConfig],
  fields,
  check,
});
const plain = (pkg: string, fields: StructDef['fields'], check?: StructDef['check']): StructDef => ({
  goType: `${pkg}.plain`,
  fields,
  check,
});
const role = (values: string[], message: (v: string) => string): FieldType => enumOf(values, message);
const filters: FieldType = listOf(struct(() => ({ goType: 'Filter', fields: { name: str, values: listOf(str) } })));
const refresh = { refresh_interval: duration };
const awsCommon = { endpoint: str, region: str, access_key: str, secret_key: secret, profile: str, role_arn: str, port: int, ...refresh };

export const discoveryBlocks: Record<string, StructDef> = {
  aws: withHttp('aws', {
    role: role(['ec2', 'ecs', 'lightsail', 'msk', 'elasticache', 'rds', 'mq'], (v) => `unknown AWS SD role ${goQuote(v)}`),
    ...awsCommon, external_id: str, request_concurrency: int, filters, clusters: listOf(str),
  }, c.awsCheck),
  azure: withHttp('azure', {
    environment: str, authentication_method: str, subscription_id: str, tenant_id: str, client_id: str,
    client_secret: secret, resource_group: str, port: int, ...refresh,
  }, c.azureCheck),
  consul: withHttp('consul', {
    server: str, path_prefix: str, token: secret, datacenter: str, namespace: str, partition: str,
    tag_separator: str, scheme: str, username: str, password: secret, allow_stale: bool, services: listOf(str),
    tags: listOf(str), node_meta: mapOf(str), filter: str, health_filter: str, ...refresh,
  }, c.consulCheck),
  digitalocean: withHttp('digitalocean', { port: int, ...refresh }),
  docker: withHttp('moby', {
    host: str, port: int, host_networking_host: str, match_first_network: bool, filters, ...refresh,
  }, c.dockerCheck),
  dockerswarm: withHttp('moby', { host: str, role: str, port: int, filters, ...refresh }, c.dockerswarmCheck),
  dns: plain('dns', { names: listOf(str), type: str, port: uint, ...refresh }, c.dnsCheck),
  ec2: withHttp('aws', { ...awsCommon, filters }, c.ec2Check),
  eureka: withHttp('eureka', { server: str, ...refresh }, c.eurekaCheck),
  file: plain('file', { files: listOf({ kind: 'file', glob: true }), ...refresh }, c.fileCheck),
  gce: plain('gce', { project: str, zone: str, filter: str, port: int, tag_separator: str, ...refresh }, c.gceCheck),
  hetzner: withHttp('hetzner', {
    role: role(['robot', 'hcloud'], (v) => `unknown role ${goQuote(v)}`), port: int, label_selector: str, ...refresh,
  }, c.hetznerCheck),
  http: withHttp('http', { url: str, ...refresh }, c.httpSdCheck),
  ionos: withHttp('ionos', { datacenter_id: str, port: int, ...refresh }, c.ionosCheck),
  kubernetes: withHttp('kubernetes', {
    api_server: url,
    role: role(kubernetesRoles, (v) => `unknown Kubernetes SD role ${goQuote(v)}`),
    kubeconfig_file: file,
    namespaces: struct(() => plain('kubernetes', { own_namespace: bool, names: listOf(str) })),
    selectors: listOf(struct(() => plain('kubernetes', { role: str, label: str, field: str }))),
    attach_metadata: struct(() => plain('kubernetes', { node: bool, namespace: bool })),
  }, kubernetesCheck),
  kuma: withHttp('xds', { server: str, client_id: str, fetch_timeout: duration, ...refresh }, c.kumaCheck),
  lightsail: withHttp('aws', awsCommon),
  linode: withHttp('linode', { region: str, port: int, tag_separator: str, ...refresh }),
  marathon: withHttp('marathon', { servers: listOf(str), auth_token: secret, auth_token_file: file, ...refresh }, c.marathonCheck),
  nerve: plain('zookeeper', { servers: listOf(str), paths: listOf(str), timeout: duration }, c.nerveCheck),
  nomad: withHttp('nomad', {
    allow_stale: bool, namespace: str, region: str, server: str, tag_separator: str, ...refresh,
  }, c.nomadCheck),
  oci: withHttp('oci', {
    auth: str, tenancy: str, user: str, fingerprint: str, key_file: file, key_passphrase: secret,
    key_passphrase_file: file, region: str, compartments: listOf(str), port: int, ...refresh,
  }, c.ociCheck),
  openstack: plain('openstack', {
    identity_endpoint: str, username: str, userid: str, password: secret, domain_name: str, domain_id: str,
    project_name: str, project_id: str, application_credential_name: str, application_credential_id: str,
    application_credential_secret: secret, all_tenants: bool, port: int, region: str,
    role: role(['hypervisor', 'instance', 'loadbalancer'], (v) => `unknown OpenStack SD role ${goQuote(v)}`),
    availability: enumOf(['public', 'admin', 'internal'], (v) => `unknown availability ${v}, must be one of admin, internal or public`),
    tls_config: struct(() => tlsConfig), ...refresh,
  }, c.openstackCheck),
  outscale: withHttp('outscale', {
    region: str, endpoint: str, access_key: str, secret_key: secret, secret_key_file: file, port: int, ...refresh,
  }, c.outscaleCheck),
  ovhcloud: plain('ovhcloud', {
    application_key: str, application_secret: secret, consumer_key: secret, service: str, endpoint: str, ...refresh,
  }, c.ovhcloudCheck),
  puppetdb: withHttp('puppetdb', { url: str, query: str, include_parameters: bool, port: int, ...refresh }, c.puppetdbCheck),
  scaleway: withHttp('scaleway', {
    role: role(['instance', 'baremetal'], (v) => `unknown role ${goQuote(v)}`),
    project_id: str, api_url: str, zone: str, access_key: str, secret_key: secret, secret_key_file: file,
    name_filter: str, tags_filter: listOf(str), port: int, ...refresh,
  }, c.scalewayCheck),
  serverset: plain('zookeeper', { servers: listOf(str), paths: listOf(str), timeout: duration }, c.serversetCheck),
  stackit: withHttp('stackit', {
    role: role(['server', 'postgres_flex'], (v) => `unknown role ${goQuote(v)}`), region: str, endpoint: str, project: str, service_account_key: secret, service_account_key_path: file,
    private_key: secret, private_key_path: file, credentials_file_path: file, port: int, ...refresh,
  }, c.stackitCheck),
  triton: plain('triton', {
    account: str, role: role(['container', 'cn'], (v) => `unknown role ${goQuote(v)} in configuration`),
    dns_suffix: str, endpoint: str, groups: listOf(str), port: int, version: int,
    tls_config: struct(() => tlsConfig), ...refresh,
  }, c.tritonCheck),
  uyuni: withHttp('uyuni', {
    server: str, username: str, password: secret, entitlement: str, separator: str, ...refresh,
  }, c.uyuniCheck),
  vultr: withHttp('vultr', { port: int, ...refresh }),
};

/** The `<name>_sd_configs` fields a scrape or Alertmanager block accepts. */
export function discoveryFields(): Record<string, FieldType> {
  const out: Record<string, FieldType> = {};
  for (const [name, def] of Object.entries(discoveryBlocks)) out[`${name}_sd_configs`] = listOf(struct(() => def));
  return out;
}
