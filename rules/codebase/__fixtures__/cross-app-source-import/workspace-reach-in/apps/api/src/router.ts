export interface Router {
  order(id: string): { id: string };
}
