// discovery/kubernetes SDConfig.UnmarshalYAML: api_server / kubeconfig / own-namespace exclusions
// and which selector roles each discovery role accepts.
import type { ObjView } from '../objView';
import { report, type WalkContext } from '../walkContext';
import { customHttpFields } from '../schema/http';

const allowedSelectors: Record<string, string[]> = {
  pod: ['pod', 'node'],
  service: ['service'],
  endpointslice: ['pod', 'service', 'endpointslice'],
  endpoints: ['pod', 'service', 'endpoints'],
  node: ['node'],
  ingress: ['ingress'],
};

export const kubernetesRoles = Object.keys(allowedSelectors);

export function kubernetesCheck(v: ObjView, ctx: WalkContext): void {
  const fail = (key: string | undefined, msg: string): void =>
    report(ctx, 'config/service-discovery', key && v.written(key) ? v.keyRange(key) : v.anchor, msg);
  const role = v.str('role');
  if (role === '') return fail(undefined, 'role missing (one of: pod, service, endpoints, endpointslice, node, ingress)');
  const apiServer = v.str('api_server') !== '';
  const kubeconfig = v.str('kubeconfig_file') !== '';
  const ownNamespace = v.sub('namespaces')?.bool('own_namespace') === true;
  const custom = customHttpFields(v.keys().filter((k) => v.has(k)), (k) =>
    (k === 'follow_redirects' || k === 'enable_http2') && v.bool(k) === true,
  );
  if (apiServer && kubeconfig) return fail('kubeconfig_file', "cannot use 'kubeconfig_file' and 'api_server' simultaneously");
  if (kubeconfig && custom.length > 0) return fail(custom[0], "cannot use a custom HTTP client configuration together with 'kubeconfig_file'");
  if (!apiServer && custom.length > 0) return fail(custom[0], "to use custom HTTP client configuration please provide the 'api_server' URL explicitly");
  if (apiServer && ownNamespace) return fail('namespaces', "cannot use 'api_server' and 'namespaces.own_namespace' simultaneously");
  if (kubeconfig && ownNamespace) return fail('namespaces', "cannot use 'kubeconfig_file' and 'namespaces.own_namespace' simultaneously");
  const seen = new Set<string>();
  for (const sel of v.subList('selectors')) {
    const selRole = sel.str('role');
    const at = sel.written('role') ? sel.keyRange('role') : sel.anchor;
    if (seen.has(selRole)) return report(ctx, 'config/service-discovery', at, `duplicated selector role: ${selRole}`);
    seen.add(selRole);
    const allowed = allowedSelectors[role];
    if (!allowed) return; // the role field reports it
    if (!allowed.includes(selRole)) {
      return report(ctx, 'config/service-discovery', at, `${role} role supports only ${allowed.join(', ')} selectors`);
    }
    const field = sel.str('field');
    const bad = field === '' ? undefined : field.split(',').find((term) => !/(!=|==|=)/.test(term));
    if (bad !== undefined) {
      return report(ctx, 'config/service-discovery', sel.valueRange('field'), `invalid selector: '${field}'; can't understand '${bad}'`);
    }
  }
}
