// Next.js resolves the marker module itself: this file must never reach a client bundle.
import 'server-only';

export async function loadProducts() {
  return fetch(process.env.CATALOG_URL + '/products').then((r) => r.json());
}
