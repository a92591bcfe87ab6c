// Validate() of the remote-storage auth blocks: prometheus/sigv4 and storage/remote/azuread.
import type { ObjView } from '../objView';
import { report, type WalkContext } from '../walkContext';

export function checkSigv4(v: ObjView, ctx: WalkContext): void {
  if ((v.str('access_key') === '') !== (v.str('secret_key') === '')) {
    report(ctx, 'config/invalid-value', v.anchor, 'must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config');
  }
}

const azureClouds = ['AzureChina', 'AzureGovernment', 'AzurePublic'];

export function checkAzureAd(v: ObjView, ctx: WalkContext): void {
  const cloud = v.str('cloud') || 'AzurePublic';
  if (!azureClouds.includes(cloud)) {
    report(ctx, 'config/invalid-value', v.valueRange('cloud'), 'must provide a cloud in the Azure AD config');
    return;
  }
  const methods = ['managed_identity', 'oauth', 'sdk', 'workload_identity'].filter((k) => v.has(k));
  if (methods.length === 0) {
    report(ctx, 'config/auth-exclusive', v.anchor, 'must provide an Azure Managed Identity, Azure Workload Identity, Azure OAuth or Azure SDK in the Azure AD config');
  } else if (methods.length > 1) {
    report(ctx, 'config/auth-exclusive', v.keyRange(methods[1]), 'cannot provide multiple authentication methods in the Azure AD config');
  }
}
