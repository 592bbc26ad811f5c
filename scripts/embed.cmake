# cmake -DIN=file -DOUT=file.inc -P embed.cmake: the bytes of IN as a C
# initializer list, so the executable carries the file and needs no copy
# of it at run time.
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
string(REGEX REPLACE "(([^,]*,){16})" "\\1\n" body "${body}")
file(WRITE "${OUT}.tmp" "${body}0x00\n")
file(RENAME "${OUT}.tmp" "${OUT}")
