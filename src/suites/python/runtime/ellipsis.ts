// Python's Ellipsis (`...`), which one of the reference's long-context tables contains as a list item.
import { PyInstance, type PyValue } from "../py-value.js";

class EllipsisValue extends PyInstance {
  readonly pyTypeName = "ellipsis";
  repr(): string {
    return "Ellipsis";
  }
  equals(other: PyValue): boolean {
    return other === this;
  }
  override hashKey(): string {
    return "Ellipsis";
  }
}

/** The one Ellipsis object. */
export const PY_ELLIPSIS: PyValue = new EllipsisValue();
