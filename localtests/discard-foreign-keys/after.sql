-- The ghost (there only in execute mode, on the replica) must have no
-- foreign key.
delimiter ;;
if (select count(*) from information_schema.referential_constraints
    where constraint_schema = 'test' and table_name = '_gh_ost_test_gho') > 0 then
  signal sqlstate '45000' set message_text = 'the ghost table has a foreign key';
end if ;;
delimiter ;
