/** The one response envelope of every bff API (design.md §2). */
export interface ApiEnvelope<T = unknown> {
  success: boolean;
  data: T | null;
  errorCode?: string;
  errorMessage?: string;
  /** Field-level problems of a rejected request: which field, and why. */
  errors?: FieldError[];
  requestId?: string;
}

export interface FieldError {
  field: string;
  reason: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
}
