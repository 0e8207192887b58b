/**
 * Publishing from the repository: a CI workflow that, on every push to the branch,
 * makes a project from the repository (`siglum git clone`) and builds its HTML edition
 * (`siglum export --all --format html`), then publishes it as the forge's pages. Only
 * the file's text: the editor commits it with the next "Share changes".
 */

export type Forge = 'github' | 'gitlab';

/** Where the workflow goes in the repository, and its text. */
export function ciWorkflow(forge: Forge): { path: string; text: string } {
  const build = [
    'npx --yes siglum git clone "$PWD" --project "$RUNNER_TEMP_DIR/edition.siglum" --work-tree "$RUNNER_TEMP_DIR/work"',
    'npx --yes siglum export --all --format html --out "$PWD/public" --project "$RUNNER_TEMP_DIR/edition.siglum"',
  ];
  if (forge === 'github') {
    return {
      path: '.github/workflows/siglum-edition.yml',
      text: `# Builds the HTML edition with Siglum on every push to main and publishes it on GitHub Pages.
# "npx siglum" installs the siglum package; point it at your own build of Siglum if you use one.
name: Publish the edition
on:
  push:
    branches: [main]
permissions:
  contents: read
  pages: write
  id-token: write
jobs:
  edition:
    runs-on: ubuntu-latest
    environment:
      name: github-pages
    env:
      RUNNER_TEMP_DIR: \${{ runner.temp }}
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # siglum git clone reads the whole history
      - uses: actions/setup-node@v4
        with:
          node-version: 22
${build.map((line) => `      - run: ${line}`).join('\n')}
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public
      - uses: actions/deploy-pages@v4
`,
    };
  }
  return {
    path: '.gitlab-ci.yml',
    text: `# Builds the HTML edition with Siglum on every push to main and publishes it on GitLab Pages.
# "npx siglum" installs the siglum package; point it at your own build of Siglum if you use one.
pages:
  image: node:22
  variables:
    RUNNER_TEMP_DIR: /tmp/siglum
    GIT_DEPTH: 0 # siglum git clone reads the whole history
  script:
    - mkdir -p "$RUNNER_TEMP_DIR"
${build.map((line) => `    - ${line}`).join('\n')}
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == "main"
`,
  };
}
