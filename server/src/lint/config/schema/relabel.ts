// model/relabel.Config and the lists of rules that scrape, alerting and remote-write blocks hold.
import { checkSourceLabels, relabelActions } from '../checks/relabel';
import { enumOf, labelNames, listOf, regex, str, struct, uint64, type FieldType, type StructDef } from './types';

const action = enumOf(relabelActions, (v) => `unknown relabel action ${JSON.stringify(v)}`, true);

export const relabelConfig: StructDef = {
  goType: 'relabel.plain',
  fields: {
    source_labels: labelNames,
    separator: str,
    regex,
    modulus: uint64,
    target_label: str,
    replacement: str,
    action,
  },
  check: checkSourceLabels,
};

/** A list of relabel rules; `nullItem` is Prometheus' message for a `-` with nothing after it. */
export const relabelList = (nullItem: string): FieldType => listOf(struct(() => relabelConfig), nullItem);
