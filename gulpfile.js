// Copies the files tsc does not emit (node icons and codex JSON) next to the compiled nodes and credentials.
const path = require('path');
const { task, src, dest } = require('gulp');

task('build:assets', () =>
	src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest(path.resolve('dist')),
	),
);
