import type { NodeInfo } from './walk.js';

/**
 * The nodes of the manifests read so far, by folder, that give run results and catalogs their nodes' files and meta
 * suppressions. A folder where artifacts are kept (`dbt_20_run_results.json` beside `dbt_20_manifest.json` and
 * `dbt_112_manifest.json`) holds several: an artifact takes its own invocation's manifest when it is there, as
 * stale-artifacts pairs them (red team 101: results were placed in the files of the last manifest read), and otherwise
 * the folder's last (target/'s one manifest.json, whichever invocation wrote it).
 */
export class ManifestNodes {
  private readonly lastOfFolder = new Map<string, ReadonlyMap<string, NodeInfo>>();
  private readonly ofInvocation = new Map<string, ReadonlyMap<string, NodeInfo>>();

  set(dir: string, invocationId: string | undefined, nodes: ReadonlyMap<string, NodeInfo>): void {
    this.lastOfFolder.set(dir, nodes);
    if (invocationId !== undefined) this.ofInvocation.set(`${dir}\u0000${invocationId}`, nodes);
  }

  get(dir: string, invocationId?: string): ReadonlyMap<string, NodeInfo> | undefined {
    return (invocationId === undefined ? undefined : this.ofInvocation.get(`${dir}\u0000${invocationId}`)) ?? this.lastOfFolder.get(dir);
  }
}
