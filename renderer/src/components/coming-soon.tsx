// A screen that exists in the navigation but is not built yet.
export function ComingSoon({ name, about }: { name: string; about: string }) {
  return (
    <section className="coming-soon" aria-label={name}>
      <h1>{name}</h1>
      <p>{about}</p>
      <p className="empty">Coming soon.</p>
    </section>
  );
}
