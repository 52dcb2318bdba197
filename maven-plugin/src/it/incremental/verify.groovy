def log = new File(basedir, 'build.log').text
assert log.contains('designspace: 2 models from 1 specs')
assert log.contains('designspace: sources are up to date (1 specs, checked in ')
assert new File(basedir, 'target/generated-sources/designspace/.designspace-fingerprint').isFile()
return true
