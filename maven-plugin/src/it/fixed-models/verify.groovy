def gen = new File(basedir, 'target/generated-sources/designspace/dev/designspace/models')
assert new File(gen, 'RegNetX200MF.java').isFile()
assert new File(gen, 'RegNetX1_6GF.java').isFile()
// named relative to the project, so another clone generates the same bytes
def source = new File(gen, 'RegNetX200MF.java').text
assert source.contains('.spec("src/main/designspace/zoo.yaml")')
assert !source.contains(basedir.absolutePath)
assert new File(basedir, 'target/generated-sources/designspace/manifest.json').isFile()
assert new File(basedir, 'target/classes/dev/designspace/models/RegNetX200MF.class').isFile()
assert new File(basedir, 'target/classes/dev/designspace/models/RegNetX1_6GF.class').isFile()
def log = new File(basedir, 'build.log').text
assert log.contains('designspace: 2 models from 1 specs')
return true
