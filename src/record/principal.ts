// Who a run acts for, as the record keeps it: the user, their roles, their tenant.

/** Policies match on it; the model can never set it. */
export interface Principal {
  id: string;
  roles?: string[];
  tenant?: string;
}
