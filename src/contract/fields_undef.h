/* Ends one expansion of fields.inc. No include guard: used many times. */
#undef CONTRACT_OBJECT
#undef CONTRACT_FIELD
#undef CONTRACT_CONST
#undef CONTRACT_LIST
#undef CONTRACT_LIST_AT
#undef CONTRACT_CHILD
#undef CONTRACT_CHILD_AT
#undef CONTRACT_ITEMS
#undef CONTRACT_KEY
#undef CONTRACT_ALIAS
#undef CONTRACT_END
