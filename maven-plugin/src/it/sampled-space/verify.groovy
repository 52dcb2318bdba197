def gen = new File(basedir, 'target/generated-sources/designspace/com/example/models')
(0..2).each { i -> assert new File(gen, String.format('TinySpace_s%04d.java', i)).isFile() }
assert !new File(gen, 'TinySpace_s0003.java').exists()
def manifest = new File(basedir, 'target/generated-sources/designspace/manifest.json').text
assert manifest.contains('"seed" : 7')
assert new File(basedir, 'target/classes/com/example/models/TinySpace_s0002.class').isFile()
assert new File(gen, 'TinySpace_s0000.java').text.contains('.sample(7L, 0)')
assert new File(gen, 'TinySpace_s0000.java').text.contains('.spec("specs/tiny-space.yaml")')
return true
