// A project template this package scaffolds from: its imports belong to the generated app.
import Link from 'next/link';

export default function Page() {
  return <Link href="/">home</Link>;
}
