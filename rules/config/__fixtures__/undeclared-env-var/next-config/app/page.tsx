export default function Page() {
  return (
    <footer>
      <span>{process.env.BUILD_SHA}</span>
      <a href={`mailto:${process.env.SUPPORT_EMAIL}`}>support</a>
      <div data-key={process.env.NEXT_PUBLIC_MAPS_KEY} />
      <a href={process.env.NEXTAUTH_URL}>sign in</a>
    </footer>
  );
}
