def log = new File(basedir, 'build.log').text
assert log.contains('broken.yaml:5:40: sample.depth.high: must be >= low (5), got 1')
assert !log.contains('at dev.designspace')
assert !new File(basedir, 'target/generated-sources/designspace/.designspace-fingerprint').exists()
return true
