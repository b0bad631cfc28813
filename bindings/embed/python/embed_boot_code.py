"""Build step: compiles boot.py and writes its bytecode as a C++ array, so
that pargist-python does not compile 900 lines of Python at every start of
every rank (about 12 ms each). Run with the interpreter pargist-python links
(the bytecode format is that of one Python minor version; the program checks
the version and compiles the source instead on a mismatch).

    python3 embed_boot_code.py boot.py boot_code.cpp
"""
import marshal
import sys


def main(source_path, output_path):
    with open(source_path, encoding='utf-8') as f:
        code = compile(f.read(), '<pargist-boot>', 'exec', dont_inherit=True)
    data = marshal.dumps(code)
    version = '%d.%d.' % sys.version_info[:2]
    rows = [', '.join('%d' % b for b in data[i:i + 24]) for i in range(0, len(data), 24)]
    with open(output_path, 'w', encoding='utf-8') as out:
        out.write('// Generated from boot.py by embed_boot_code.py: do not edit.\n')
        out.write('#include "boot_source.hpp"\n\nnamespace pargist::embed {\n')
        out.write('const char* const boot_code_version = "%s";\n' % version)
        out.write('const std::size_t boot_code_size = %d;\n' % len(data))
        out.write('const unsigned char boot_code[] = {\n%s};\n' % ',\n'.join(rows))
        out.write('}  // namespace pargist::embed\n')


if __name__ == '__main__':
    main(*sys.argv[1:])
