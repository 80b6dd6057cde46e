import gulp from 'gulp';
import nodemon from 'gulp-nodemon';

gulp.task('compile', (done: () => void) => done());

gulp.task('start', ['compile'], () => {
  nodemon({ script: 'dist/index.js', exec: 'node --enable-source-maps' });
});
