// Feasible circulation with lower and upper bounds on every edge (reduced to one max-flow,
// Edmonds-Karp on an adjacency matrix: the graphs here have a few dozen nodes). Integer bounds give
// an integer circulation when one exists. No two edges may join the same pair of nodes, either way.

export interface BoundedEdge {
  from: number;
  to: number;
  lo: number;
  hi: number;
}

/** A large stand-in for "no upper bound", far above any count a digest shows. */
export const unbounded = 1e9;

/** The flow on each edge of a feasible circulation, or undefined when there is none. */
export function feasibleCirculation(nodes: number, edges: readonly BoundedEdge[]): number[] | undefined {
  if (edges.some((e) => e.lo > e.hi)) return undefined;
  const source = nodes;
  const sink = nodes + 1;
  const size = nodes + 2;
  const capacity = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const excess = new Array<number>(nodes).fill(0);
  for (const e of edges) {
    capacity[e.from]![e.to]! += e.hi - e.lo;
    excess[e.to]! += e.lo;
    excess[e.from]! -= e.lo;
  }
  let demand = 0;
  excess.forEach((x, v) => {
    if (x > 0) {
      capacity[source]![v] = x;
      demand += x;
    } else if (x < 0) capacity[v]![sink] = -x;
  });
  const flow = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  let total = 0;
  for (;;) {
    const parent = new Array<number>(size).fill(-1);
    parent[source] = source;
    const queue = [source];
    while (queue.length && parent[sink] === -1) {
      const u = queue.shift()!;
      for (let v = 0; v < size; v++) {
        if (parent[v] === -1 && capacity[u]![v]! - flow[u]![v]! > 0) {
          parent[v] = u;
          queue.push(v);
        }
      }
    }
    if (parent[sink] === -1) break;
    let push = Infinity;
    for (let v = sink; v !== source; v = parent[v]!)
      push = Math.min(push, capacity[parent[v]!]![v]! - flow[parent[v]!]![v]!);
    for (let v = sink; v !== source; v = parent[v]!) {
      flow[parent[v]!]![v]! += push;
      flow[v]![parent[v]!]! -= push;
    }
    total += push;
  }
  if (total < demand) return undefined;
  return edges.map((e) => e.lo + Math.max(0, flow[e.from]![e.to]!));
}
