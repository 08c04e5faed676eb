/** Swagger UI's files, imported as text (`with { type: 'text' }`, esbuild) by swagger-ui.ts. */
declare module 'swagger-ui-dist/swagger-ui-bundle.js' {
  const text: string;
  export default text;
}

declare module 'swagger-ui-dist/swagger-ui.css' {
  const text: string;
  export default text;
}
