// What the code base knows about forking one app into several processes inside one container.
// concurrency/in-process-cluster reads this table; adding a library is one entry here and one
// example in cluster.test.ts.

export interface ClusterLibrary {
  /** Import specifier (`node:` prefix removed). */
  module: string;
  /** The module function (or the module itself, `[]`) whose call forks workers. */
  forks: string[];
  /** Where the worker count is given: an option of an object argument, or a leading numeric argument. */
  countOptions: string[];
  why: string;
}

export const CLUSTER_LIBRARIES: ClusterLibrary[] = [
  { module: 'cluster', forks: ['fork'], countOptions: [], why: 'cluster.fork() starts another copy of the app in this container' },
  { module: 'throng', forks: [], countOptions: ['count', 'workers'], why: 'throng(...) forks one worker per CPU (or `count`) through the cluster module' },
];

export function clusterLibrary(specifier: string): ClusterLibrary | undefined {
  const bare = specifier.replace(/^node:/, '');
  return CLUSTER_LIBRARIES.find((c) => c.module === bare);
}
