import { describe, expect, it } from "vitest";
import { navigationTree, reorderPatches } from "./model";

const mod = (id: string, sort: number, parent: string | null = null) =>
  ({ id, code: id, name: id, sort_order: sort, parent_id: parent }) as never;
const item = (id: string, module: string, sort: number) =>
  ({ id, code: id, module_id: module, sort_order: sort }) as never;

describe("the navigation tree", () => {
  it("nests modules by parent and items by module, each in sort order; an orphan sits at the root", () => {
    const tree = navigationTree(
      [mod("b", 2), mod("a", 1), mod("a1", 5, "a"), mod("lost", 0, "gone")],
      [item("x", "a", 2), item("w", "a", 1)],
    );
    expect(tree.map((n) => n.module.id)).toEqual(["lost", "a", "b"]);
    expect(tree[1]!.children.map((n) => [n.module.id, n.depth])).toEqual([["a1", 1]]);
    expect(tree[1]!.items.map((i) => i.id)).toEqual(["w", "x"]);
  });

  it("moving up or down swaps two different sort orders, renumbers equal ones, and stops at the ends", () => {
    const list = [
      { id: "a", sort_order: 1 },
      { id: "b", sort_order: 5 },
      { id: "c", sort_order: 5 },
    ];
    expect(reorderPatches(list, 1, -1)).toEqual([
      { id: "b", sort_order: 1 },
      { id: "a", sort_order: 5 },
    ]);
    expect(reorderPatches(list, 1, 1)).toEqual([
      { id: "a", sort_order: 10 },
      { id: "c", sort_order: 20 },
      { id: "b", sort_order: 30 },
    ]);
    expect(reorderPatches(list, 0, -1)).toEqual([]);
    expect(reorderPatches(list, 2, 1)).toEqual([]);
  });
});
